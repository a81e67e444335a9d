using System.Text.RegularExpressions;

namespace Simulation.Cli;

/// <summary>
/// Rewrites System.CommandLine's messages for a person: "as expected type 'System.Nullable`1[System.UInt64]'"
/// becomes what the option takes ("a whole number from 0 to 18446744073709551615"), and a very long
/// argument is cut so it cannot flood the terminal.
/// </summary>
internal static partial class ParseErrors
{
    private const int MaxLength = 400;

    public static string Explain(string message)
    {
        string text = ExpectedType().Replace(message, match => ": expected " + Describe(match.Groups["type"].Value));
        return text.Length <= MaxLength ? text : text[..MaxLength] + "...";
    }

    private static string Describe(string typeName)
    {
        Match nullable = NullableType().Match(typeName);
        string type = nullable.Success ? nullable.Groups["inner"].Value : typeName;
        return type switch
        {
            "System.UInt64" => "a whole number from 0 to 18446744073709551615",
            "System.UInt32" => "a whole number from 0 to 4294967295",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.IO.FileInfo" => "a file path",
            "System.IO.DirectoryInfo" => "a folder path",
            _ => "a value of another kind",
        };
    }

    [GeneratedRegex(@" as expected type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NullableType();
}
