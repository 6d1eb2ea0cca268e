package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"time"

	"dcganvk/train"
)

// TrainPage is the live page of `train --serve`: it follows the run as a
// train.Watcher and pushes what changes to every open page as server-sent
// events. A page opened mid-run gets the history so far first.
type TrainPage struct {
	hub   hub
	state trainState
	// started and startStep time the steps of this start, for the estimate
	// of the time left.
	started   time.Time
	startStep int
}

// trainState is everything the page shows; the "state" event carries it
// whole, the other events one part.
type trainState struct {
	Device        string              `json:"device"`
	Flags         any                 `json:"flags"`
	Images        int                 `json:"images"`
	StepsPerEpoch int                 `json:"steps_per_epoch"`
	Epochs        int                 `json:"epochs"`
	Steps         [][4]float64        `json:"steps"` // step, epoch, gen_loss, disc_loss
	Last          *stepEvent          `json:"last,omitempty"`
	Grid          *gridEvent          `json:"grid,omitempty"`
	Finished      []train.EpochRecord `json:"finished"`
	Ended         *endEvent           `json:"ended,omitempty"`
}

type stepEvent struct {
	Step         int     `json:"step"`
	Epoch        int     `json:"epoch"`
	GenLoss      float32 `json:"gen_loss"`
	DiscLoss     float32 `json:"disc_loss"`
	ImagesPerSec float64 `json:"images_per_s"`
	// SecondsLeft estimates the time to the last step from this start's pace.
	SecondsLeft float64 `json:"seconds_left"`
}

type gridEvent struct {
	Epoch int    `json:"epoch"`
	Step  int    `json:"step"`
	PNG   string `json:"png"` // a data: URL
}

type endEvent struct {
	Error string `json:"error,omitempty"`
}

// NewTrainPage is a page with nothing to show yet.
func NewTrainPage() *TrainPage { return &TrainPage{state: trainState{Finished: []train.EpochRecord{}}} }

// Started implements train.Watcher.
func (p *TrainPage) Started(run *train.RunRecord, stepsPerEpoch int, history []train.LossRow) {
	p.hub.publish(func() []byte {
		s := &p.state
		s.Device, s.Flags, s.Images = run.Device, run.Flags, run.Images
		s.StepsPerEpoch, s.Epochs = stepsPerEpoch, run.Flags.Epochs
		s.Finished = append([]train.EpochRecord{}, run.Epochs...)
		s.Steps = s.Steps[:0]
		for _, r := range history {
			s.Steps = append(s.Steps, lossPoint(r))
		}
		p.started, p.startStep = time.Now(), len(history)
		if n := len(history); n > 0 {
			p.startStep = history[n-1].Step
		}
		return event("state", s)
	})
}

func lossPoint(r train.LossRow) [4]float64 {
	return [4]float64{float64(r.Step), float64(r.Epoch), float64(r.GenLoss), float64(r.DiscLoss)}
}

// Stepped implements train.Watcher.
func (p *TrainPage) Stepped(row train.LossRow) {
	p.hub.publish(func() []byte {
		e := &stepEvent{Step: row.Step, Epoch: row.Epoch, GenLoss: row.GenLoss, DiscLoss: row.DiscLoss,
			ImagesPerSec: row.ImagesPerSec}
		if done := row.Step - p.startStep; done > 0 {
			perStep := time.Since(p.started).Seconds() / float64(done)
			e.SecondsLeft = perStep * float64(p.state.Epochs*p.state.StepsPerEpoch-row.Step)
		}
		p.state.Steps = append(p.state.Steps, lossPoint(row))
		p.state.Last = e
		return event("step", e)
	})
}

// Drew implements train.Watcher.
func (p *TrainPage) Drew(grid image.Image, epoch, step int) {
	url, err := pngDataURL(grid)
	if err != nil {
		return // a grid that cannot be encoded is a frame missed
	}
	p.hub.publish(func() []byte {
		p.state.Grid = &gridEvent{Epoch: epoch, Step: step, PNG: url}
		return event("grid", p.state.Grid)
	})
}

// Finished implements train.Watcher.
func (p *TrainPage) Finished(rec train.EpochRecord) {
	p.hub.publish(func() []byte {
		p.state.Finished = append(p.state.Finished, rec)
		return event("epoch", rec)
	})
}

// Ended tells the pages that training has ended, with its error if any;
// they keep showing the final state.
func (p *TrainPage) Ended(err error) {
	p.hub.publish(func() []byte {
		p.state.Ended = &endEvent{}
		if err != nil {
			p.state.Ended.Error = err.Error()
		}
		return event("end", p.state.Ended)
	})
}

func pngDataURL(img image.Image) (string, error) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes()), nil
}

// event is one server-sent event of the given name with v as JSON data.
func event(name string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		data, _ = json.Marshal(endEvent{Error: fmt.Sprintf("encoding the %s event: %v", name, err)})
		name = "fault"
	}
	return []byte("event: " + name + "\ndata: " + string(data) + "\n\n")
}

// Handler serves the page, its assets and its event stream.
func (p *TrainPage) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", page("train.html"))
	mux.Handle("GET /assets/", assets())
	mux.HandleFunc("GET /events", p.events)
	return mux
}

// events streams the state, then every event, until the client leaves.
func (p *TrainPage) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported here", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	var first []byte
	c := p.hub.subscribe(func() { first = event("state", &p.state) })
	defer p.hub.unsubscribe(c)
	if _, err := w.Write(first); err != nil {
		return
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			if _, err := w.Write(e); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
