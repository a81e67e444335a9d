using System.Globalization;

namespace Simulation.Scenarios.Reading;

/// <summary>Culture-invariant formatting for messages.</summary>
internal static class InvariantText
{
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
