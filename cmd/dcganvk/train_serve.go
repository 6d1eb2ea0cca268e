package main

import (
	"context"
	"os"

	"dcganvk/train"
	"dcganvk/train/web"
)

// trainServed trains as `train --serve ADDR` does: the live page listens
// before training starts and says how training ended.
func trainServed(ctx context.Context, cfg train.Config, addr string) error {
	page := web.NewTrainPage()
	stop, _, err := serve(addr, page.Handler(), os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	cfg.Watch = page
	err = train.Run(ctx, cfg, os.Stderr)
	page.Ended(err)
	return err
}
