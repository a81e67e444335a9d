using System.CommandLine;
using Simulation.Cli.Commands;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>The <c>sim</c> command tree. Every command is a few lines over Simulation.Scenarios.</summary>
internal static class SimApp
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "sim: a digital twin of multi-tier sourcing networks. Run what-if scenarios of buyers, suppliers and " +
            "small producers; read KPIs with confidence intervals.\n\n" +
            "Examples:\n" +
            "  sim run scenarios/quickstart.yaml\n" +
            "  sim run scenarios/quickstart.yaml --replications 50 --set buyers[brand-a].payment_terms_days=30\n" +
            "  sim run scenarios/apparel-bangladesh.yaml --out runs/apparel --events --timeseries-every 7\n" +
            "  sim run scenarios/quickstart.yaml --order-events --out runs/flows\n" +
            "  sim report runs/apparel\n" +
            "  sim validate scenarios/apparel-bangladesh.yaml\n" +
            "  sim schema > scenario.schema.json\n" +
            "  sim optimize scenarios/apparel-bangladesh.yaml --pareto co2e:8");
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(MergeCommand.Create(context));
        root.Subcommands.Add(OptimizeCommand.Create(context));
        return root;
    }

    /// <summary>What every command prints when Ctrl-C or SIGTERM stopped it (a sweep adds where its finished points are).</summary>
    public const string InterruptedMessage = "Interrupted; nothing half-written was left (no run folder was written).";

    /// <summary>Parses and runs; maps user errors to exit code 2, an interruption to 130 and everything else to 1, without stack traces.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {ParseErrors.Explain(error.Message)}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'sim --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioInputException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(InterruptedMessage).ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine rather than the input or the tool: a full disk, a closed pipe, a lost share.
            // The system's own words say it; the exception's type adds nothing for the user.
            await context.Error.WriteLineAsync($"error: reading or writing failed: {e.Message}").ConfigureAwait(false);
            await WriteTraceIfAskedAsync(context, e).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: report any failure as one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            if (!await WriteTraceIfAskedAsync(context, e).ConfigureAwait(false))
            {
                await context.Error.WriteLineAsync("Set SIM_DEBUG=1 for the full stack trace.").ConfigureAwait(false);
            }

            return ExitCodes.Failure;
        }
    }

    private static async Task<bool> WriteTraceIfAskedAsync(CliContext context, Exception e)
    {
        if (Environment.GetEnvironmentVariable("SIM_DEBUG") != "1")
        {
            return false;
        }

        await context.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
        return true;
    }
}
