namespace Simulation.Cli;

/// <summary>Process exit codes: a public contract for scripts and schedulers.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything else: a defect, an I/O failure, a cancelled run.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or usage: scenario errors, bad flags, an existing output folder.</summary>
    public const int BadInput = 2;
}
