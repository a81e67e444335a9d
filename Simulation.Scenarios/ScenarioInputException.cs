namespace Simulation.Scenarios;

/// <summary>
/// A problem with what the user asked for (a scenario, a flag, an output folder), as opposed to a
/// defect. The CLI reports its message and exits with code 2.
/// </summary>
public sealed class ScenarioInputException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public ScenarioInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying cause.</summary>
    public ScenarioInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The message of an argument check in the engine, worded for the user, without the
    /// " (Parameter 'name')" that <see cref="ArgumentException"/> appends: the name is the engine's,
    /// not anything the user wrote.
    /// </summary>
    internal static string UserMessage(ArgumentException e)
    {
        string message = e.Message;
        string suffix = " (Parameter '" + e.ParamName + "')";
        return e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ScenarioInputException()
        : base("The input is not valid.")
    {
    }
}
