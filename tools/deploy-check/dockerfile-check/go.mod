module broadsheet/dockerfile-check

go 1.26

require github.com/moby/buildkit v0.34.2
