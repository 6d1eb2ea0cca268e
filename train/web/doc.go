// Package web serves dcganvk's two pages: the live training page of
// `train --serve` (server-sent events) and the latent-space explorer of
// `explore`. Everything they load is embedded; nothing comes from outside.
package web
