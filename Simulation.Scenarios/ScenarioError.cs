namespace Simulation.Scenarios;

/// <summary>
/// One problem found in a scenario: where it is (file, line, column), which field it concerns, and what
/// is wrong. Loading reports every problem at once, as a list of these, rather than throwing.
/// </summary>
/// <param name="File">The file the problem is in: the scenario, a base it extends, an imported table, or
/// <c>--set</c> for a command-line override (then <paramref name="Line"/> is the override's position).</param>
/// <param name="Line">1-based line (for an imported CSV the line of the row, for Parquet the row number).</param>
/// <param name="Column">1-based column (for an imported table the column's position in the header).</param>
/// <param name="Field">The field path, in <c>--set</c> syntax, e.g. <c>suppliers[cmt-01].capacity_per_day</c>; empty for file-level problems.</param>
/// <param name="Message">What is wrong and what was expected, e.g. "expected a number, got 'abc'".</param>
public sealed record ScenarioError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>
    /// The compiler-style form <c>file:line:col: error: field: message</c>; the field is left out when it
    /// is empty or the message already names it (as "unknown key 'x' in suppliers[s1]" does).
    /// </summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString()
    {
        string field = Field.Length == 0 || MessageNamesField() ? "" : Loading.SScalar.Shown(Field, 200) + ": ";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: error: {field}{Message}");
    }

    private bool MessageNamesField()
    {
        if (Message.Contains(Field, StringComparison.Ordinal))
        {
            return true;
        }

        int dot = Field.LastIndexOf('.');
        string key = dot < 0 ? Field : Field[(dot + 1)..];
        string parent = dot < 0 ? "" : Field[..dot];
        return Message.Contains("'" + key + "'", StringComparison.Ordinal) &&
               (parent.Length == 0 || Message.Contains(parent, StringComparison.Ordinal));
    }
}
