namespace Simulation.Scenarios.Loading;

/// <summary>
/// Builds the field paths that errors name, in the syntax <c>--set</c> accepts:
/// <c>suppliers[cmt-01].inputs[fabric].policy.order_up_to</c>.
/// </summary>
internal static class FieldPath
{
    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Item(string path, string selector) => path + "[" + selector + "]";

    /// <summary>The last key of a path, without any item selector: the field an error is about.</summary>
    public static string LastKey(string path)
    {
        int dot = path.LastIndexOf('.');
        string last = dot < 0 ? path : path[(dot + 1)..];
        int bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }
}
