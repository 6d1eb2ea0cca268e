package train

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"dcganvk/train/safefile"
)

// LossRow is one train step's line of losses.csv.
type LossRow struct {
	Step         int
	Epoch        int
	GenLoss      float32
	DiscLoss     float32
	ImagesPerSec float64
}

var lossHeader = []string{"step", "epoch", "gen_loss", "disc_loss", "images_per_s"}

// LossLog appends rows to losses.csv and keeps them for the loss curve.
type LossLog struct {
	path string
	file *os.File
	csv  *csv.Writer
	Rows []LossRow
}

// OpenLossLog starts losses.csv afresh, or, when resuming, keeps the rows up
// to and including step keep (dropping any written after the checkpoint).
// It says on log when steps up to keep are missing, such as when the file
// was deleted or a crash tore rows.
func OpenLossLog(path string, resume bool, keep int, log io.Writer) (*LossLog, error) {
	l := &LossLog{path: path}
	if resume {
		rows, err := readLossRows(path)
		if err != nil {
			return nil, err
		}
		steps := map[int]bool{}
		for _, r := range rows {
			if r.Step >= 1 && r.Step <= keep && !steps[r.Step] {
				steps[r.Step] = true
				l.Rows = append(l.Rows, r)
			}
		}
		if len(l.Rows) < keep {
			fmt.Fprintf(log, "warning: %s holds %d of the %d steps up to the checkpoint: the loss curve will lack the others\n",
				path, len(l.Rows), keep)
		}
	}
	err := safefile.Write(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write(lossHeader)
		for _, r := range l.Rows {
			cw.Write(r.record())
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return nil, err
	}
	if l.file, err = os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644); err != nil {
		return nil, fmt.Errorf("losses: %w", err)
	}
	l.csv = csv.NewWriter(l.file)
	return l, nil
}

// record formats a row; %.9g round-trips a float32 exactly.
func (r LossRow) record() []string {
	return []string{strconv.Itoa(r.Step), strconv.Itoa(r.Epoch),
		strconv.FormatFloat(float64(r.GenLoss), 'g', 9, 32), strconv.FormatFloat(float64(r.DiscLoss), 'g', 9, 32),
		strconv.FormatFloat(r.ImagesPerSec, 'f', 1, 64)}
}

func readLossRows(path string) ([]LossRow, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("losses: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	// A crash can cut a row short or leave a tail of NULs: such rows are
	// skipped, not fatal.
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	var rows []LossRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("losses %s: %w", path, err)
		}
		if row, ok := parseLossRow(rec); ok {
			rows = append(rows, row)
		}
	}
}

// parseLossRow reads a record of losses.csv; the header and a torn row are
// not rows.
func parseLossRow(rec []string) (LossRow, bool) {
	if len(rec) != len(lossHeader) {
		return LossRow{}, false
	}
	step, err1 := strconv.Atoi(rec[0])
	epoch, err2 := strconv.Atoi(rec[1])
	g, err3 := strconv.ParseFloat(rec[2], 32)
	d, err4 := strconv.ParseFloat(rec[3], 32)
	ips, err5 := strconv.ParseFloat(rec[4], 64)
	if errors.Join(err1, err2, err3, err4, err5) != nil {
		return LossRow{}, false
	}
	return LossRow{step, epoch, float32(g), float32(d), ips}, true
}

// Add appends a row to the file (flushed, so a crash loses at most a line).
func (l *LossLog) Add(r LossRow) error {
	l.Rows = append(l.Rows, r)
	l.csv.Write(r.record())
	l.csv.Flush()
	if err := l.csv.Error(); err != nil {
		return fmt.Errorf("losses %s: %w", l.path, err)
	}
	return nil
}

// Close closes the file.
func (l *LossLog) Close() error { return l.file.Close() }
