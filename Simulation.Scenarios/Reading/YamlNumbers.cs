using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Numbers as the YAML 1.2 core schema writes them: decimal integers and floats, <c>0x</c>/<c>0o</c>
/// integers, <c>.inf</c>, <c>-.inf</c> and <c>.nan</c>; always with the invariant culture. Text such as
/// "1,5", "Infinity" or "12 units" is not a number.
/// </summary>
internal static partial class YamlNumbers
{
    public static bool TryParse(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex))
        {
            value = hex;
            return true;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text.AsSpan(2).IndexOfAnyExceptInRange('0', '7') < 0)
        {
            value = Convert.ToUInt64(text[2..], 8);
            return true;
        }

        if (DecimalNumber().IsMatch(text) &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();
}
