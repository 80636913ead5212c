// compose-config: `docker compose config` without Docker, for the tests of docker/compose.yaml.
//
// The machines that run `make test` have no container engine and no compose plugin, and building
// the real plugin pulls in all of Docker (minutes of compiling on every clean CI machine). This
// program calls compose-go, the library that `docker compose config` itself uses to load a
// project, with the same options that docker compose (v2.40) passes: the OS environment, the
// --env-file, schema validation, interpolation, normalisation, path resolution, the services'
// env_file resolution and the container-name check; it prints the model as YAML or JSON with
// "$" escaped as "$$", like `docker compose config [--format json]`.
//
// Usage: compose-config -f compose.yaml [-f override.yaml] [--env-file FILE] [-p NAME] [--quiet] [--format yaml|json]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var files, envFiles stringList
	flag.Var(&files, "f", "compose file (repeatable)")
	flag.Var(&envFiles, "env-file", "environment file (repeatable)")
	name := flag.String("p", "", "project name")
	quiet := flag.Bool("quiet", false, "only validate, print nothing")
	format := flag.String("format", "yaml", "output format: yaml or json")
	flag.Parse()
	if err := run(files, envFiles, *name, *quiet, *format); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(files, envFiles []string, name string, quiet bool, format string) error {
	if format != "yaml" && format != "json" {
		return fmt.Errorf("unsupported format %q", format)
	}
	ctx := context.Background()
	// The order of docker compose's toProjectOptions (cmd/compose/compose.go).
	opts := []cli.ProjectOptionsFn{
		cli.WithResolvedPaths(true),
		cli.WithoutEnvironmentResolution,
		cli.WithOsEnv,
	}
	if _, present := os.LookupEnv("PWD"); !present {
		pwd, err := os.Getwd()
		if err != nil {
			return err
		}
		opts = append(opts, cli.WithEnv([]string{"PWD=" + pwd}))
	}
	opts = append(opts,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithName(name),
	)
	options, err := cli.NewProjectOptions(files, opts...)
	if err != nil {
		return err
	}
	project, err := options.LoadProject(ctx)
	if err != nil {
		return err
	}
	if project.Name == "" {
		return fmt.Errorf("project name can't be empty")
	}
	project = project.WithoutUnnecessaryResources()
	project, err = project.WithServicesEnvironmentResolved(true)
	if err != nil {
		return err
	}
	if err := project.CheckContainerNameUnicity(); err != nil {
		return err
	}
	var content []byte
	if format == "json" {
		content, err = project.MarshalJSON()
	} else {
		content, err = project.MarshalYAML()
	}
	if err != nil {
		return err
	}
	if quiet {
		return nil
	}
	_, err = os.Stdout.Write(bytes.ReplaceAll(content, []byte("$"), []byte("$$")))
	return err
}
