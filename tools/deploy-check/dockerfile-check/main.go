// dockerfile-check FILE: parses a Dockerfile with BuildKit's own frontend and runs the
// rules of `docker build --check`, offline (base images are not fetched).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver answers every base image with an empty linux/amd64 config.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := []byte(`{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}}`)
	return ref, digest.FromBytes(cfg), cfg, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-check Dockerfile")
		os.Exit(64)
	}
	name := os.Args[1]
	dt, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(66)
	}
	src := llb.Local("dockerfile")
	def, err := src.Marshal(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(70)
	}
	sm := llb.NewSourceMap(&src, name, "Dockerfile", dt)
	sm.Definition = def
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{},
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	if res.Error != nil {
		fmt.Fprintf(os.Stderr, "error: %s\n", res.Error.Message)
		os.Exit(1)
	}
	for _, w := range res.Warnings {
		line := int32(0)
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = w.Location.Ranges[0].Start.Line
		}
		fmt.Printf("%s:%d: %s: %s\n", name, line, w.RuleName, w.Detail)
	}
	if len(res.Warnings) > 0 {
		os.Exit(2)
	}
	fmt.Printf("%s: parsed by BuildKit's Dockerfile frontend, no check warnings\n", name)
}
