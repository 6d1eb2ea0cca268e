package dataset

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"
)

// writePicture encodes img into dir/name by the name's ending.
func writePicture(t *testing.T, dir, name string, img image.Image) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	var err error
	switch filepath.Ext(name) {
	case ".png":
		err = png.Encode(&b, img)
	case ".jpg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 100})
	case ".gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// uniform is a w x h picture of one colour.
func uniform(w, h int, c color.Color) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

// listing is every path under dir with its size.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p+" "+fi.ModTime().String()+" "+string(rune(fi.Size())))
		return nil
	})
	return out
}

// pixelsNear fails unless every byte of px is within 1 of want (resampling
// rounds).
func pixelsNear(t *testing.T, what string, px []byte, want ...byte) {
	t.Helper()
	for i, v := range px {
		w := want[i%len(want)]
		if d := int(v) - int(w); d < -1 || d > 1 {
			t.Fatalf("%s: byte %d is %d, want %d", what, i, v, w)
		}
	}
}

func TestFolderOfMixedPicturesIsCroppedResizedAndComposed(t *testing.T) {
	dir := t.TempDir()
	// A 61x29 picture: a red 16-pixel strip each side of a green centre
	// (its 29x29 centre crop is all green).
	wide := image.NewNRGBA(image.Rect(0, 0, 61, 29))
	for y := range 29 {
		for x := range 61 {
			c := color.NRGBA{0, 200, 0, 255}
			if x < 16 || x >= 45 {
				c = color.NRGBA{255, 0, 0, 255}
			}
			wide.Set(x, y, c)
		}
	}
	writePicture(t, dir, "a/wide.png", wide)
	writePicture(t, dir, "b/clear.png", uniform(33, 47, color.NRGBA{0, 0, 255, 0}))
	writePicture(t, dir, "b/grey.jpg", uniform(40, 40, color.Gray{Y: 128}))
	writePicture(t, dir, "c.gif", uniform(30, 31, color.Gray{Y: 255}))
	if err := os.WriteFile(filepath.Join(dir, "broken.png"), []byte("\x89PNG not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := listing(t, dir)
	var log bytes.Buffer
	set, err := Load(dir, Options{Background: color.White}, &log)
	if err != nil {
		t.Fatal(err)
	}
	if set.Count != 4 || set.Size != 28 || set.Channels != 3 || len(set.Pixels) != 4*28*28*3 {
		t.Fatalf("got %d images of %dx%dx%d (%d bytes), want 4 of 28x28x3", set.Count, set.Size, set.Size, set.Channels, len(set.Pixels))
	}
	if lines := strings.Count(log.String(), "\n"); lines != 1 || !strings.Contains(log.String(), "skipped 1 ") {
		t.Fatalf("want one warning line counting the broken picture, got %q", log.String())
	}
	n := set.ImageBytes()
	pixelsNear(t, "wide.png's centre", set.Pixels[:n], 0, 200, 0)
	pixelsNear(t, "clear.png over white", set.Pixels[n:2*n], 255, 255, 255)
	pixelsNear(t, "grey.jpg", set.Pixels[2*n:3*n], 128, 128, 128)
	pixelsNear(t, "c.gif", set.Pixels[3*n:], 255, 255, 255)
	if after := listing(t, dir); !slices.Equal(before, after) {
		t.Fatalf("the data folder changed:\n%q\n%q", before, after)
	}
}

func TestGreyFolderGivesOneChannelAndSizeFollowsThePictures(t *testing.T) {
	dir := t.TempDir()
	writePicture(t, dir, "x.png", uniform(70, 65, color.Gray{Y: 77}))
	writePicture(t, dir, "y.png", uniform(66, 80, color.Gray{Y: 10}))
	set, err := Load(dir, Options{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if set.Size != 64 || set.Channels != 1 {
		t.Fatalf("got %dx%dx%d, want 64x64x1", set.Size, set.Size, set.Channels)
	}
	pixelsNear(t, "x.png", set.Pixels[:64*64], 77)
	set, err = Load(dir, Options{Size: 32, Channels: 3}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if set.Size != 32 || set.Channels != 3 {
		t.Fatalf("--size 32 --channels 3 gave %dx%dx%d", set.Size, set.Size, set.Channels)
	}
	pixelsNear(t, "y.png as colour", set.Pixels[32*32*3:], 10, 10, 10)
}

func TestBadDataIsAClearError(t *testing.T) {
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "broken.jpg"), []byte("no"), 0o644); err != nil {
		t.Fatal(err)
	}
	one := t.TempDir()
	writePicture(t, one, "p.png", uniform(64, 64, color.White))
	for _, c := range []struct {
		path string
		opts Options
		want string
	}{
		{empty, Options{}, "no usable picture"},
		{filepath.Join(empty, "missing"), Options{}, "no such file"},
		{filepath.Join(empty, "broken.jpg"), Options{}, "need a folder"},
		{one, Options{Size: 48}, "--size 48"},
		{one, Options{Channels: 4}, "--channels 4"},
		{one, Options{Limit: 2}, "--limit 2"},
	} {
		_, err := Load(c.path, c.opts, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %+v: got %v, want an error saying %q", c.path, c.opts, err, c.want)
		}
	}
}

func TestTooLargeASetNamesTheLimitThatFits(t *testing.T) {
	err := tooLarge("x", 40000, 64, 3, MaxBytes)
	if want := "--limit 10922 would fit"; !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
}

// writeNPY saves v (a Go array, whose nesting gives the shape) as dir/name.
func writeNPY(t *testing.T, dir, name string, v any) string {
	t.Helper()
	path := filepath.Join(dir, name)
	var b bytes.Buffer
	if err := npyio.Write(&b, v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNPYOfBytesAndFloats(t *testing.T) {
	dir := t.TempDir()
	var u8 [3][32][32][3]uint8
	var f32 [2][28][28][1]float32
	var signed [2][28][28]float64
	for i := range 3 {
		for y := range 32 {
			for x := range 32 {
				u8[i][y][x] = [3]uint8{byte(i), byte(y), byte(x)}
			}
		}
	}
	for y := range 28 {
		for x := range 28 {
			f32[1][y][x][0] = 1
			signed[0][y][x] = -1
			signed[1][y][x] = 0
		}
	}
	for _, c := range []struct {
		name        string
		v           any
		count, size int
		channels    int
		first, last byte
	}{
		{"u8.npy", u8, 3, 32, 3, 0, 31},
		{"f32.npy", f32, 2, 28, 1, 0, 255},
		{"signed.npy", signed, 2, 28, 1, 0, 128},
	} {
		set, err := Load(writeNPY(t, dir, c.name, c.v), Options{}, &bytes.Buffer{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if set.Count != c.count || set.Size != c.size || set.Channels != c.channels {
			t.Fatalf("%s: got %d of %dx%dx%d", c.name, set.Count, set.Size, set.Size, set.Channels)
		}
		if set.Pixels[0] != c.first || set.Pixels[len(set.Pixels)-1] != c.last {
			t.Fatalf("%s: first byte %d, last %d; want %d and %d", c.name, set.Pixels[0], set.Pixels[len(set.Pixels)-1], c.first, c.last)
		}
	}
	var odd [2][20][20][3]uint8
	var wide [2][28][30][1]uint8
	var big [1][28][28][1]float32
	big[0][3][4][0] = 1.5
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		{"odd.npy", odd, "pass --size"},
		{"wide.npy", wide, "square"},
		{"big.npy", big, "[0,1] or [-1,1]"},
		{"flat.npy", [5]uint8{}, "shape"},
		{"ints.npy", [1][28][28][1]int32{}, "dtype"},
	} {
		_, err := Load(writeNPY(t, dir, c.name, c.v), Options{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.name, err, c.want)
		}
	}
}

// TestDamagedNPYIsAnErrorNotACrash: a file cut short, one with a byte too
// many, a header without its newline (npyio panics on it), no magic and a
// header length of 4 GiB (the reader would allocate it).
func TestDamagedNPYIsAnErrorNotACrash(t *testing.T) {
	dir := t.TempDir()
	var good bytes.Buffer
	if err := npyio.Write(&good, [2][28][28][1]uint8{}); err != nil {
		t.Fatal(err)
	}
	raw := good.Bytes()
	noNewline := bytes.Replace(raw, []byte("}\n"), []byte("} "), 1)
	for name, data := range map[string][]byte{
		"short.npy":     raw[:len(raw)-1],
		"long.npy":      append(slices.Clone(raw), 0),
		"nonewline.npy": noNewline,
		"nomagic.npy":   append([]byte("NUMPY!"), raw[6:]...),
		"tiny.npy":      raw[:5],
		"hugehead.npy":  append([]byte("\x93NUMPY\x02\x00\xff\xff\xff\xff"), raw[10:]...),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path, Options{}, &bytes.Buffer{}); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

// hugePNG is a PNG whose header claims w x h pixels (its data is a 1x1
// picture's, so only the header can be read).
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, uniform(1, 1, color.White)); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	ihdr := raw[12 : 12+4+13] // "IHDR" and its 13 bytes, after the signature and the length
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	binary.BigEndian.PutUint32(raw[12+4+13:], crc32.ChecksumIEEE(ihdr))
	return raw
}

func TestFolderSkipsHugePicturesBeforeDecodingThem(t *testing.T) {
	dir := t.TempDir()
	writePicture(t, dir, "a.png", uniform(32, 32, color.White))
	if err := os.WriteFile(filepath.Join(dir, "huge.png"), hugePNG(t, 9000, 8000), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	set, err := Load(dir, Options{}, &log)
	if err != nil {
		t.Fatal(err)
	}
	if set.Count != 1 || set.Size != 32 {
		t.Errorf("got %d images of %d pixels, want a.png alone at 32 (huge.png's 9000x8000 must not set the size)", set.Count, set.Size)
	}
	if want := "skipped 1 pictures that do not decode or are too large (first: huge.png: 9000x8000 pixels"; !strings.Contains(log.String(), want) {
		t.Errorf("log %q does not say %q", log.String(), want)
	}
}

func TestFolderLimitSpreadsOverThePaths(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		writePicture(t, dir, string(rune('a'+i))+".png", uniform(28, 28, color.Gray{uint8(40 * i)}))
	}
	set, err := Load(dir, Options{Limit: 3}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []byte{0, 80, 160} { // a, c and e
		if got := set.Pixels[i*28*28]; got != want {
			t.Errorf("picture %d of --limit 3 is grey %d, want %d", i, got, want)
		}
	}
}

func TestDeviceBoundRefusesASetItCannotHold(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		writePicture(t, dir, string(rune('a'+i))+".png", uniform(28, 28, color.White))
	}
	_, err := Load(dir, Options{MaxBytes: 3*28*28 - 1}, &bytes.Buffer{})
	if want := "pass the 2351 bytes one device buffer holds: --limit 2 would fit"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an error saying %q", err, want)
	}
	if _, err := Load(dir, Options{MaxBytes: 3 * 28 * 28}, &bytes.Buffer{}); err != nil {
		t.Fatalf("a set of exactly the bound: %v", err)
	}
}
