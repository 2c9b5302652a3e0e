using Stacking.Cli;

// The whole command line lives in StackingCli so that tests and the demo share one entry point.
return StackingCli.Run(args);
