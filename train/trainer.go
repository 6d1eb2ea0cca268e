package train

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"time"

	"dcganvk/gpu"
	"dcganvk/nn/dcgan"
	"dcganvk/nn/op"
	"dcganvk/nn/ref"
	"dcganvk/nn/vkexec"
	"dcganvk/train/checkpoint"
	"dcganvk/train/dataset"
	"dcganvk/train/imageio"
	"dcganvk/train/latent"
	"dcganvk/train/safefile"
)

// GridSize is the number of images of the sample grid (4x4).
const GridSize = 16

// gifName is the file name of the animation of the epochs' grids.
const gifName = "dcgan.gif"

// ErrInterrupted is returned when a signal stopped training; a checkpoint
// of the last step was written (unless no step had run) and the run can be
// resumed.
var ErrInterrupted = errors.New("training interrupted")

// trainer is one training run in progress.
type trainer struct {
	cfg           Config
	log           io.Writer
	geo           dcgan.Geometry
	step          *dcgan.TrainStep
	sampler       *dcgan.Sampler
	exec          op.Executor
	device        string
	fixedNoise    []float32
	stepsPerEpoch int
	losses        *LossLog
	run           *RunRecord
	preview       *preview
	eval          *trainEval

	// discHighest is the largest discriminator loss of the epoch's steps.
	discHighest float32

	// Where the run stands: epoch (from 1) in progress or last finished,
	// batches of it done, and train steps done in all.
	epoch, batchesDone, steps int
	// saved is the step of the newest checkpoint (-1: none yet).
	saved int
	// resumeFrom is the checkpoint --resume continues from.
	resumeFrom struct {
		path string
		ck   *checkpoint.File
	}
}

// Run trains the DCGAN as cfg says, writing what it does to log. It holds
// a lock on cfg.OutDir throughout. Cancelling ctx (Ctrl-C) stops after the
// current step, writes a checkpoint, the grid and the GIF, and returns
// ErrInterrupted.
func Run(ctx context.Context, cfg Config, log io.Writer) (err error) {
	if err := cfg.Validate(); err != nil {
		return err
	}
	lock, err := lockOut(cfg.OutDir)
	if err != nil {
		return err
	}
	defer func() {
		if rerr := lock.release(); err == nil && rerr != nil {
			err = fmt.Errorf("unlocking --out: %w", rerr)
		}
	}()
	if err := safefile.RemoveStale(cfg.OutDir, log); err != nil {
		return fmt.Errorf("--out %s: %w", cfg.OutDir, err)
	}
	if err := cfg.checkFresh(); err != nil {
		return err
	}
	images, err := dataset.Load(cfg.DataDir, cfg.dataOptions(), log)
	if err != nil {
		return err
	}
	if images.Count < cfg.Batch {
		return fmt.Errorf("--batch %d is larger than the %d training images", cfg.Batch, images.Count)
	}
	t := &trainer{cfg: cfg, log: log, stepsPerEpoch: images.Count / cfg.Batch, saved: -1,
		geo: dcgan.Geometry{Size: images.Size, Channels: images.Channels}}
	if uint64(cfg.Epochs)*uint64(t.stepsPerEpoch) >= math.MaxUint32 {
		return fmt.Errorf("--epochs %d: %d epochs of %d steps pass the step counter's 2^32", cfg.Epochs, cfg.Epochs, t.stepsPerEpoch)
	}
	if t.step, err = dcgan.NewTrainStep(t.geo, cfg.Batch, images.Count); err != nil {
		return err
	}
	if t.sampler, err = dcgan.NewSampler(t.step.G, t.step.BN, GridSize); err != nil {
		return err
	}
	if cfg.Resume {
		if err := t.readResume(); err != nil {
			return err
		}
	}
	if cfg.EvalEvery > 0 && judged(images, t.geo, cfg.DataDir, log) {
		if t.eval, err = newTrainEval(cfg, t.step, log); err != nil {
			return err
		}
	}
	closeExec, err := t.openExecutor()
	if err != nil {
		return err
	}
	var runErr error
	if t.eval != nil {
		runErr = t.eval.open(t.exec)
	}
	if runErr == nil {
		runErr = t.start(ctx, images)
	}
	if err := closeExec(); err != nil && runErr == nil {
		runErr = err
	}
	return runErr
}

// openExecutor sets up the Vulkan executor (or the CPU one with --cpu-ref)
// and returns the function that closes it.
func (t *trainer) openExecutor() (func() error, error) {
	plans := []*op.Plan{t.step.Plan, t.sampler.Plan}
	if t.eval != nil {
		plans = append(plans, t.eval.plans()...)
	}
	if t.cfg.CPURef {
		if t.cfg.Preview {
			fmt.Fprintln(t.log, "preview: the live window needs the Vulkan executor; training goes on without it")
		}
		t.exec, t.device = ref.New(plans...), "CPU reference (plain Go)"
		return t.exec.Close, nil
	}
	opts := t.cfg.GPU
	opts.Window = t.cfg.Preview
	dev, err := gpu.Open(opts)
	if err != nil {
		return nil, err
	}
	if t.cfg.Preview {
		if t.preview, err = openPreview(dev, t.sampler, t.log); err != nil {
			dev.Close()
			return nil, err
		}
	}
	if t.preview != nil {
		plans = append(plans, t.preview.plan)
	}
	exec, err := vkexec.New(dev, vkexec.Options{}, plans...)
	if err != nil {
		if t.preview != nil {
			t.preview.close()
		}
		dev.Close()
		return nil, err
	}
	t.exec, t.device = exec, dev.Info.Name
	if t.preview != nil {
		t.preview.exec = exec
	}
	return func() error {
		if t.preview != nil {
			t.preview.close()
		}
		exec.Close()
		return dev.Close()
	}, nil
}

// refreshPreview redraws the live window, if there is one, from the
// sampler's current images (run the sampler first).
func (t *trainer) refreshPreview(row LossRow) error {
	if t.preview == nil {
		return nil
	}
	title := fmt.Sprintf("dcganvk  epoch %d  step %d  gen_loss %.4f  disc_loss %.4f", t.epoch, t.steps, row.GenLoss, row.DiscLoss)
	open, err := t.preview.show(title)
	if !open {
		t.preview = nil
	}
	if err == nil && open && t.cfg.AfterPreview != nil {
		t.cfg.AfterPreview()
	}
	return err
}

// start restores or initialises the state, uploads the data and trains.
func (t *trainer) start(ctx context.Context, images *dataset.Set) error {
	if err := t.restore(); err != nil {
		return err
	}
	if t.nextEpoch() > t.cfg.Epochs {
		fmt.Fprintf(t.log, "already trained to epoch %d: pass a larger --epochs to go on\n", t.epoch)
		return nil
	}
	words := make([]uint32, t.step.Images.Len())
	for i, b := range images.Pixels {
		words[i/4] |= uint32(b) << (8 * (i % 4))
	}
	if err := t.exec.Write(t.step.Images, op.AsFloat32(words)); err != nil {
		return err
	}
	if err := t.exec.Write(t.sampler.Noise, t.fixedNoise); err != nil {
		return err
	}
	if err := rebuildGIF(t.cfg.OutDir, filepath.Join(t.cfg.OutDir, gifName), t.nextEpoch()-1, t.log); err != nil {
		return err
	}
	var err error
	if t.losses, err = OpenLossLog(filepath.Join(t.cfg.OutDir, "losses.csv"), t.cfg.Resume, t.steps, t.log); err != nil {
		return err
	}
	defer t.losses.Close()
	fmt.Fprintf(t.log, "training on %s: %d images of %s, batch %d, %d steps an epoch (the last %d images of each shuffle are left out), epochs %d to %d\n",
		t.device, images.Count, t.geo, t.cfg.Batch, t.stepsPerEpoch, images.Count%t.cfg.Batch, t.nextEpoch(), t.cfg.Epochs)
	t.watchStarted()
	return t.train(ctx)
}

// nextEpoch is the epoch training continues in.
func (t *trainer) nextEpoch() int {
	if t.batchesDone == t.stepsPerEpoch {
		return t.epoch + 1
	}
	return t.epoch
}

// readResume reads the last checkpoint in --out and checks it against the
// run, before any device work: where it stands and the fixed noise are
// taken at once, the tensors by restore.
func (t *trainer) readResume() error {
	path, err := checkpoint.Latest(t.cfg.OutDir)
	if err != nil {
		return fmt.Errorf("--resume: %s holds no checkpoint (%w)", t.cfg.OutDir, err)
	}
	ck, err := checkpoint.Load(path)
	if err != nil {
		return err
	}
	if err := t.checkCompatible(ck); err != nil {
		return fmt.Errorf("--resume from %s: %w", path, err)
	}
	if t.fixedNoise, err = ck.Get(checkpoint.FixedNoiseName, []int{GridSize, dcgan.NoiseDim}); err != nil {
		return fmt.Errorf("--resume from %s: %w", path, err)
	}
	t.resumeFrom.path, t.resumeFrom.ck = path, ck
	return nil
}

// restore loads the checkpoint readResume read with --resume, or sets
// Keras' initial state and draws the fixed noise.
func (t *trainer) restore() error {
	t.run = &RunRecord{Version: t.cfg.Version, Device: t.device, Executor: t.executorName(),
		Flags: t.cfg, Images: t.step.Count, Started: time.Now().UTC()}
	if !t.cfg.Resume {
		if err := op.WriteAll(t.step.InitialState(t.cfg.Seed), t.exec); err != nil {
			return err
		}
		t.fixedNoise = latent.FixedNoise(t.cfg.Seed, GridSize)
		t.batchesDone = t.stepsPerEpoch // as if epoch 0 had just finished
		return nil
	}
	path, ck := t.resumeFrom.path, t.resumeFrom.ck
	if err := checkpoint.LoadState(t.exec, checkpoint.TrainTensors(t.step), ck); err != nil {
		return fmt.Errorf("--resume from %s: %w", path, err)
	}
	if prev, err := loadRunRecord(filepath.Join(t.cfg.OutDir, "run.json")); err == nil && prev != nil {
		// A kill after an epoch's outputs and before its checkpoint leaves
		// records of epochs that will be trained again.
		t.run.Started = prev.Started
		for _, e := range prev.Epochs {
			if e.Epoch < t.nextEpoch() {
				t.run.Epochs = append(t.run.Epochs, e)
			}
		}
	}
	t.saved = t.steps
	fmt.Fprintf(t.log, "resuming from %s: epoch %d, %d of %d batches done, step %d\n",
		path, t.epoch, t.batchesDone, t.stepsPerEpoch, t.steps)
	return nil
}

func (t *trainer) executorName() string {
	if t.cfg.CPURef {
		return "cpu-ref"
	}
	return "vulkan"
}

// checkCompatible reads where a checkpoint stands and refuses one made with
// another geometry, batch, seed, learning rate or image count.
func (t *trainer) checkCompatible(ck *checkpoint.File) error {
	geo, err := checkpoint.GeometryOf(ck)
	if err != nil {
		return err
	}
	if geo != t.geo {
		return fmt.Errorf("it was trained at %s, this run's data is %s: pass the same --data, --size and --channels", geo, t.geo)
	}
	want := map[string]string{
		"batch": strconv.Itoa(t.cfg.Batch), "seed": strconv.FormatUint(t.cfg.Seed, 10),
		"lr": strconv.FormatFloat(t.cfg.LR, 'g', -1, 64), "images": strconv.Itoa(t.step.Count),
	}
	for key, v := range want {
		if ck.Metadata[key] != v {
			return fmt.Errorf("it was made with %s %q, this run has %q: pass the same flags", key, ck.Metadata[key], v)
		}
	}
	for key, v := range map[string]*int{"epoch": &t.epoch, "batches_done": &t.batchesDone, "step": &t.steps} {
		n, err := strconv.Atoi(ck.Metadata[key])
		if err != nil {
			return fmt.Errorf("bad metadata: %s %q is not a number", key, ck.Metadata[key])
		}
		*v = n
	}
	return t.checkPosition()
}

// checkPosition checks a checkpoint's epoch, batches done and step against
// the run's shape: every epoch has stepsPerEpoch steps, so the step follows
// from the other two.
func (t *trainer) checkPosition() error {
	spe := t.stepsPerEpoch
	switch {
	case t.epoch < 1 || uint64(t.epoch)*uint64(spe) >= math.MaxUint32:
		return fmt.Errorf("bad metadata: epoch %d is out of range", t.epoch)
	case t.batchesDone < 0 || t.batchesDone > spe:
		return fmt.Errorf("bad metadata: batches_done %d is out of range: an epoch of this run has %d", t.batchesDone, spe)
	case t.steps != (t.epoch-1)*spe+t.batchesDone:
		return fmt.Errorf("bad metadata: step %d does not follow from epoch %d and batches_done %d (%d batches an epoch)",
			t.steps, t.epoch, t.batchesDone, spe)
	}
	return nil
}

// train runs epochs until cfg.Epochs, or until ctx is cancelled.
func (t *trainer) train(ctx context.Context) error {
	for epoch := t.nextEpoch(); epoch <= t.cfg.Epochs; epoch++ {
		// A signal during an epoch's last step: that epoch is done and saved
		// as itself, before the next one starts.
		if ctx.Err() != nil {
			return t.interrupted()
		}
		first := 0
		if epoch == t.epoch {
			first = t.batchesDone
		}
		t.epoch, t.batchesDone, t.discHighest = epoch, first, 0
		if err := t.exec.Write(t.step.Order, op.AsFloat32(shuffle(t.cfg.Seed, epoch, t.step.Count))); err != nil {
			return err
		}
		start := time.Now()
		bar := newProgress(t.log, epoch, t.cfg.Epochs, t.stepsPerEpoch)
		last, err := t.trainEpoch(ctx, bar)
		bar.done()
		if err != nil {
			return err
		}
		seconds := time.Since(start).Seconds()
		fmt.Fprintf(t.log, "Time for epoch %d is %.1f sec (gen_loss %.4f, disc_loss %.4f)\n",
			epoch, seconds, last.GenLoss, last.DiscLoss)
		rec := EpochRecord{Epoch: epoch, Seconds: seconds,
			ImagesPerSec: float64((t.stepsPerEpoch-first)*t.cfg.Batch) / seconds,
			GenLoss:      last.GenLoss, DiscLoss: last.DiscLoss}
		if alarm := discAlarm(epoch, t.discHighest); alarm != "" && first == 0 {
			fmt.Fprintln(t.log, alarm)
			rec.Alarms = append(rec.Alarms, alarm)
		}
		if err := t.evaluateEpoch(&rec); err != nil {
			return err
		}
		t.run.Epochs = append(t.run.Epochs, rec)
		t.watchEpoch(rec)
		if err := t.writeOutputs(); err != nil {
			return err
		}
		// An epoch resumed from a mid-epoch checkpoint replaces it, so that
		// no checkpoint of a finished run stands in the middle of an epoch.
		if epoch%t.cfg.CheckpointEvery == 0 || epoch == t.cfg.Epochs || first > 0 {
			if err := t.checkpoint(); err != nil {
				return err
			}
		}
	}
	return nil
}

// shuffle is the epoch's order of the training images, a function of the
// seed and the epoch only, so that a resumed run sees the same batches.
func shuffle(seed uint64, epoch, count int) []uint32 {
	rng := rand.New(rand.NewPCG(seed, uint64(epoch)))
	order := make([]uint32, count)
	for i, j := range rng.Perm(count) {
		order[i] = uint32(j)
	}
	return order
}

// trainEpoch runs the remaining steps of the current epoch.
func (t *trainer) trainEpoch(ctx context.Context, bar *progress) (LossRow, error) {
	var row LossRow
	for t.batchesDone < t.stepsPerEpoch {
		if ctx.Err() != nil {
			return row, t.interrupted()
		}
		start := time.Now()
		params := dcgan.StepParams(uint32(t.steps+1), t.cfg.Seed, uint32(t.batchesDone*t.cfg.Batch), t.cfg.LR)
		if err := t.exec.Write(t.step.Params, params.Words()); err != nil {
			return row, err
		}
		if err := t.exec.Run(t.step.Plan); err != nil {
			return row, fmt.Errorf("train step %d: %w", t.steps+1, err)
		}
		gen, discReal, discFake, err := t.readLosses()
		if err != nil {
			return row, err
		}
		row = LossRow{Step: t.steps + 1, Epoch: t.epoch, GenLoss: gen, DiscLoss: discReal + discFake,
			ImagesPerSec: float64(t.cfg.Batch) / time.Since(start).Seconds()}
		if bad(row.GenLoss) || bad(row.DiscLoss) {
			return row, t.diverged(row)
		}
		t.steps++
		t.batchesDone++
		t.discHighest = max(t.discHighest, row.DiscLoss)
		if err := t.losses.Add(row); err != nil {
			return row, err
		}
		bar.step(t.batchesDone, row.GenLoss, row.DiscLoss, row.ImagesPerSec)
		if t.preview != nil && t.steps%PreviewEvery == 0 {
			if err := t.exec.Run(t.sampler.Plan); err != nil {
				return row, fmt.Errorf("sampling the preview: %w", err)
			}
			if err := t.refreshPreview(row); err != nil {
				return row, err
			}
		}
		if err := t.watchStep(row); err != nil {
			return row, err
		}
	}
	return row, nil
}

func bad(v float32) bool { return op.NonFinite([]float32{v}) > 0 }

func (t *trainer) readLosses() (gen, discReal, discFake float32, err error) {
	var v [3][]float32
	for i, tensor := range []*op.Tensor{t.step.GenLoss, t.step.DiscLossReal, t.step.DiscLossFake} {
		if v[i], err = t.exec.Read(tensor); err != nil {
			return 0, 0, 0, err
		}
	}
	return v[0][0], v[1][0], v[2][0], nil
}

// diverged stops on a NaN or infinite loss: the state is not saved, so the
// last good checkpoint stays the newest.
func (t *trainer) diverged(row LossRow) error {
	return t.stopDiverged(fmt.Sprintf("the loss became %v (gen) / %v (disc) at step %d, epoch %d",
		row.GenLoss, row.DiscLoss, row.Step, row.Epoch))
}

// stopDiverged is the error that stops a run whose state went bad (what
// says how), naming the last good checkpoint.
func (t *trainer) stopDiverged(what string) error {
	last, err := checkpoint.Latest(t.cfg.OutDir)
	if err != nil {
		last = "none yet"
	}
	return fmt.Errorf("%s: training stopped; nothing was saved from this state; last good checkpoint: %s", what, last)
}

// interrupted saves what is not saved yet after a signal and says how to
// resume. A finished epoch's outputs were written at its end.
func (t *trainer) interrupted() error {
	if t.steps == 0 {
		fmt.Fprintln(t.log, "\ninterrupted before the first step: nothing to save")
		return ErrInterrupted
	}
	if t.batchesDone == t.stepsPerEpoch {
		fmt.Fprintf(t.log, "\ninterrupted after epoch %d\n", t.epoch)
	} else {
		fmt.Fprintf(t.log, "\ninterrupted in epoch %d after %d of %d batches: saving\n", t.epoch, t.batchesDone, t.stepsPerEpoch)
		if err := t.writeOutputs(); err != nil {
			return err
		}
	}
	if t.saved != t.steps {
		if err := t.checkpoint(); err != nil {
			return err
		}
	}
	fmt.Fprintf(t.log, "resume with: %s\n", resumeCommand(t.cfg))
	return ErrInterrupted
}

// writeOutputs draws the grid of the current epoch and rewrites the GIF,
// the loss curve and run.json.
func (t *trainer) writeOutputs() error {
	if err := t.exec.Run(t.sampler.Plan); err != nil {
		return fmt.Errorf("sampling the grid: %w", err)
	}
	images, err := t.exec.Read(t.sampler.Images)
	if err != nil {
		return err
	}
	// ReLU turns NaN into 0, so weights can go bad before the loss shows it.
	if bad := op.NonFinite(images); bad > 0 {
		return t.stopDiverged(fmt.Sprintf("the sample grid drew %d NaN or infinite pixels of %d at step %d, epoch %d",
			bad, len(images), t.steps, t.epoch))
	}
	if len(t.losses.Rows) > 0 {
		if err := t.refreshPreview(t.losses.Rows[len(t.losses.Rows)-1]); err != nil {
			return err
		}
	}
	out := t.cfg.OutDir
	grid := imageio.Grid(images, GridSize, t.geo, 4)
	t.watchGrid(grid)
	if err := imageio.SavePNG(filepath.Join(out, EpochImageName(t.epoch)), grid); err != nil {
		return err
	}
	if err := imageio.AppendGIFFrame(filepath.Join(out, gifName), grid, epochGIFDelay); err != nil {
		return err
	}
	if len(t.losses.Rows) > 0 {
		if err := SaveLossPlot(filepath.Join(out, "losses.png"), t.losses.Rows); err != nil {
			return err
		}
	}
	if err := SaveQualityPlot(filepath.Join(out, QualityPlotName), t.run.Epochs); err != nil {
		return err
	}
	return t.run.save(filepath.Join(out, "run.json"))
}

// checkpoint writes ckpt-EPOCH.safetensors with everything needed to resume.
func (t *trainer) checkpoint() error {
	ck := &checkpoint.File{Tensors: map[string]checkpoint.Tensor{}, Metadata: map[string]string{
		"format": "dcganvk", "version": t.cfg.Version,
		"epoch": strconv.Itoa(t.epoch), "batches_done": strconv.Itoa(t.batchesDone),
		"step": strconv.Itoa(t.steps), "seed": strconv.FormatUint(t.cfg.Seed, 10),
		"batch": strconv.Itoa(t.cfg.Batch), "lr": strconv.FormatFloat(t.cfg.LR, 'g', -1, 64),
		"images": strconv.Itoa(t.step.Count),
	}}
	checkpoint.SetGeometry(ck, t.geo)
	if err := checkpoint.ReadState(t.exec, checkpoint.TrainTensors(t.step), ck); err != nil {
		return err
	}
	for _, tensor := range checkpoint.TrainTensors(t.step) {
		if bad := op.NonFinite(ck.Tensors[tensor.Name].Data); bad > 0 {
			return t.stopDiverged(fmt.Sprintf("%s holds %d NaN or infinite values at step %d, epoch %d", tensor.Name, bad, t.steps, t.epoch))
		}
	}
	ck.Tensors[checkpoint.FixedNoiseName] = checkpoint.Tensor{Shape: []int{GridSize, dcgan.NoiseDim}, Data: t.fixedNoise}
	path := filepath.Join(t.cfg.OutDir, checkpoint.Name(t.epoch))
	if err := checkpoint.Save(path, ck); err != nil {
		return err
	}
	t.saved = t.steps
	fmt.Fprintf(t.log, "checkpoint: %s\n", path)
	return nil
}
