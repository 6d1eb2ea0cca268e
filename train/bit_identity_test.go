package train

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dcganvk/train/checkpoint"
)

// mnistRunFixture holds the SHA-256 of each output of quickConfig's run on
// fakeMNIST(14) at 28x28x1, first recorded with the code as it was before
// the model's geometry became a setting (commit a25dae6): the MNIST default
// must stay bit for bit what it was unless a kernel changes its sums on
// purpose. Those hashes held until the stride-2 filter gradients took
// Winograd's form (commit 1255ef1), which rounds differently, and changed
// again when one backward pass through D came to serve both losses (the
// fake half's gradients scaled per image after the pass, not before it).
// Each time the run was repeated to see it give the same hashes. The
// checkpoint's hash covers its tensors and the metadata that commit a25dae6
// wrote (keys added later are left out).
var mnistRunFixture = map[string]string{
	"losses":                  "5d295722b05c0375942ba7704e0b6949c532aab3c14d4fe42cbd0543476f3a9d",
	"image_at_epoch_0001.png": "6bc7e11a604d32b9b2179b8a97c2fde649196d84f5dae75df35d3d48469628dc",
	"image_at_epoch_0002.png": "a6207de958ed8126a0662386de5c26c1436628c1efffdd3dff91d7102b36bbd4",
	"dcgan.gif":               "9620826c8c2a9c5976e9ac7ebb25ac456c2c0e08350a77a9fcb4db632e69270a",
	"ckpt-0002.safetensors":   "d718bf183168a6c2ac4f37467d464942aaa77fe2e8e2842aa34c06c6cd4fedf3",
}

// fixtureMetadataKeys are the checkpoint metadata keys commit a25dae6 wrote.
var fixtureMetadataKeys = []string{"batch", "batches_done", "epoch", "format", "images", "lr", "seed", "step", "version"}

func TestMNISTRunIsBitIdenticalToBeforeGeometry(t *testing.T) {
	cfg := quickConfig(t, fakeMNIST(t, 14))
	mustRun(t, cfg)
	got := map[string]string{"losses": hashBytes([]byte(lossColumns(t, cfg.OutDir)))}
	for _, name := range []string{"image_at_epoch_0001.png", "image_at_epoch_0002.png", "dcgan.gif"} {
		raw, err := os.ReadFile(filepath.Join(cfg.OutDir, name))
		if err != nil {
			t.Fatal(err)
		}
		got[name] = hashBytes(raw)
	}
	ck, err := checkpoint.Load(filepath.Join(cfg.OutDir, "ckpt-0002.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	got["ckpt-0002.safetensors"] = hashCheckpoint(ck)
	for name, want := range mnistRunFixture {
		if got[name] != want {
			t.Errorf("%s: sha256 %s, recorded before the change %s", name, got[name], want)
		}
	}
}

// hashBytes is the hex SHA-256 of raw.
func hashBytes(raw []byte) string {
	h := sha256.Sum256(raw)
	return hex.EncodeToString(h[:])
}

// hashCheckpoint hashes ck's tensors (names, shapes, float bits, in name
// order) and the values of fixtureMetadataKeys.
func hashCheckpoint(ck *checkpoint.File) string {
	h := sha256.New()
	names := make([]string, 0, len(ck.Tensors))
	for name := range ck.Tensors {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		tensor := ck.Tensors[name]
		h.Write([]byte(name))
		for _, d := range tensor.Shape {
			h.Write(binary.LittleEndian.AppendUint64(nil, uint64(d)))
		}
		for _, v := range tensor.Data {
			h.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(v)))
		}
	}
	for _, k := range fixtureMetadataKeys {
		h.Write([]byte(k + "=" + ck.Metadata[k] + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
