package train

import (
	"regexp"
	"strconv"
	"strings"
)

// resumeCommand is the command line that continues a run: every flag that
// must match the checkpoint, and those that say what to train on and how
// far.
func resumeCommand(c Config) string {
	args := []string{"dcganvk", "train", "--resume", "--out", c.OutDir, "--data", c.DataDir,
		"--epochs", strconv.Itoa(c.Epochs), "--batch", strconv.Itoa(c.Batch),
		"--seed", strconv.FormatUint(c.Seed, 10), "--lr", strconv.FormatFloat(c.LR, 'g', -1, 64),
		"--checkpoint-every", strconv.Itoa(c.CheckpointEvery)}
	if c.Limit > 0 {
		args = append(args, "--limit", strconv.Itoa(c.Limit))
	}
	if c.CPURef {
		args = append(args, "--cpu-ref")
	}
	if c.GPU.Device != "" {
		args = append(args, "--device", c.GPU.Device)
	}
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// shellSafe matches the words a POSIX shell reads as they are.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9@%+=:,./_-]+$`)

// shellQuote quotes a word for a POSIX shell where it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
