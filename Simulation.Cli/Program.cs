using Simulation.Cli;

return await SimApp.RunAsync(args, CliContext.ForProcess()).ConfigureAwait(false);
