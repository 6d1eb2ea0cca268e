// Package safefile writes output files so that a crash never leaves a torn
// one: a regular file is replaced whole through a synced temporary file
// beside it, while a device or pipe (/dev/stdout) is written through. It
// also removes the temporary files that a kill in the middle of a write
// leaves behind.
package safefile
