namespace Simulation.Cli;

/// <summary>Process exit codes: a public contract for scripts and schedulers (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything else: a defect or an I/O failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or usage: scenario errors, bad flags, an existing output folder.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); nothing half-written is left.</summary>
    public const int Interrupted = 130;
}
