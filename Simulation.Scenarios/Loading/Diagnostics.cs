using System.Globalization;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Collects the errors of one load. Every message is built here, by one named method per kind of
/// problem, so wording stays consistent and each error carries its file, line, column and field.
/// </summary>
/// <remarks>
/// Supplier groups and imported defaults are read once per generated supplier, so the same problem at
/// the same place would otherwise be reported once per member. An error is therefore kept only if no
/// earlier error had the same kind, location and field name.
/// </remarks>
internal sealed class Diagnostics
{
    private readonly List<(ScenarioError Error, int Rank, int Sequence, bool RootCause)> _errors = [];
    private readonly HashSet<(string File, int Line, int Column, string Key, string Kind)> _seen = [];

    public int Count => _errors.Count;

    /// <summary>
    /// The errors in file order (the scenario, its bases, the command line, imports), then line and
    /// column; files that could not be read come first, since what is missing from them (an imported
    /// table's suppliers) causes errors elsewhere.
    /// </summary>
    public IReadOnlyList<ScenarioError> Sorted() =>
        [.. _errors
            .OrderByDescending(e => e.RootCause)
            .ThenBy(e => e.Rank)
            .ThenBy(e => e.Error.Line)
            .ThenBy(e => e.Error.Column)
            .ThenBy(e => e.Sequence)
            .Select(e => e.Error)];

    // ---- files and YAML ------------------------------------------------------------------------

    public void CannotRead(SourceFile file, string reason) =>
        Add("read", file, 1, 1, "", "cannot read the file: " + SScalar.Shown(reason, 400));

    public void CannotRead(SNode at, string field, string file, string reason) =>
        Add("read", at, field, "cannot read '" + SScalar.Shown(file, 400) + "': " + SScalar.Shown(reason, 400));

    public void MalformedYaml(SourceFile file, int line, int column, string parserMessage) =>
        Add("yaml", file, line, column, "", "malformed YAML: " + parserMessage.TrimEnd('.'));

    public void EmptyDocument(SourceFile file) =>
        Add("empty", file, 1, 1, "", "the file holds no scenario (it is empty)");

    public void SeveralDocuments(SourceFile file, int line, int column) =>
        Add("documents", file, line, column, "", "a scenario file holds one YAML document; found another here");

    /// <summary>The whole file is not a mapping; its content is not echoed (it may be any file, e.g. one named by <c>extends</c>).</summary>
    public void NotAMapping(SNode root, string expected) =>
        Add("type", root, "", "expected " + expected + ", got " + (root is SScalar { IsNull: false } ? "a single value" : root.Describe()) + "; is this a scenario file?");

    public void KeyNotText(SNode key, string field) =>
        Add("key", key, field, "keys must be text, got " + key.Describe());

    public void DuplicateKey(SNode key, string field, string name, SNode first) =>
        Add("dupkey", key, field, Invariant($"duplicate key '{SScalar.Shown(name)}' (first at line {first.Line})"));

    public void ExtendsCycle(SNode at, string field, IEnumerable<string> chain) =>
        Add("extends", at, field, "extends forms a cycle: " + string.Join(" -> ", chain));

    public void RemoveWithoutBase(SNode at, string field, string id) =>
        Add("remove", at, field, "cannot remove '" + id + "': the base has no item with that id");

    // ---- overrides -----------------------------------------------------------------------------

    // Overrides are reported against the pseudo-file "--set": line = the override's position on the
    // command line (1-based), column = the character of the argument where the problem is.

    public void OverrideSyntax(SourceFile file, int index, string argument) =>
        Add("set", file, index, 1, "", "expected path=value, got '" + SScalar.Shown(argument) + "'");

    public void OverridePathSyntax(SourceFile file, int index, int column, string path, string problem) =>
        Add("setpath", file, index, column, path, "bad path '" + path + "': " + problem);

    public void OverrideUnknownKey(SourceFile file, int index, int column, string path, string key, string container, IEnumerable<string> valid) =>
        Add("setkey", file, index, column, path, UnknownKeyMessage(key, container, valid));

    public void OverrideNoItem(SourceFile file, int index, int column, string path, string list, string selector, IEnumerable<string> ids) =>
        Add("setitem", file, index, column, path, "no item '" + SScalar.Shown(selector) + "' in " + list + Suggestions.Hint(selector, ids));

    public void OverrideNotAContainer(SourceFile file, int index, int column, string path, string key, string got) =>
        Add("setshape", file, index, column, path, "cannot go into '" + key + "': it is " + got);

    public void OverrideNotAList(SourceFile file, int index, int column, string path, string key) =>
        Add("setlist", file, index, column, path, "'" + key + "' is not a list, so it takes no [selector]");

    // ---- keys and values -----------------------------------------------------------------------

    public void UnknownKey(SNode key, string field, string name, string container, IEnumerable<string> valid) =>
        Add("unknown", key, field, UnknownKeyMessage(name, container, valid));

    public void MissingKey(SNode map, string field, string name, string container) =>
        Add("missing", map, field, "missing required key '" + name + "' in " + Container(container));

    public void WrongType(SNode at, string field, string expected) =>
        Add("type", at, field, "expected " + expected + ", got " + at.Describe());

    public void QuotedNumber(SNode at, string field, string text) =>
        Add("type", at, field, "expected a number, got the quoted text '" + text + "' (remove the quotes)");

    public void OutOfRange(SNode at, string field, string expectation, double value) =>
        Add("range", at, field, FieldPath.LastKey(field) + " must be " + expectation + ", got " + Format(value));

    public void SampledOutOfRange(SNode at, string field, string expectation, double value, string memberId) =>
        Add("range", at, field, Invariant(
            $"{FieldPath.LastKey(field)} must be {expectation}, but the draw for {memberId} is {Format(value)} (choose a distribution whose values stay in range)"));

    public void NotInteger(SNode at, string field, double value) =>
        Add("type", at, field, "expected a whole number, got " + Format(value));

    public void UnknownChoice(SNode at, string field, string value, IReadOnlyList<string> choices) =>
        Add("choice", at, field, "'" + SScalar.Shown(value) + "' is not one of " + string.Join(", ", choices) + Suggestions.Hint(value, choices));

    public void BadDistribution(SNode at, string field, string factoryMessage) =>
        Add("dist", at, field, factoryMessage);

    public void DistributionNotAllowed(SNode at, string field) =>
        Add("type", at, field, "expected a number; distributions are allowed only in supplier_groups");

    public void NegativeSupport(SNode at, string field, string distribution) =>
        Add("support", at, field, FieldPath.LastKey(field) + " cannot be negative, but " + distribution + " can draw values below 0");

    public void NotPositiveMean(SNode at, string field, string distribution) =>
        Add("support", at, field, FieldPath.LastKey(field) + " must be positive on average, but " + distribution + " has mean <= 0");

    public void NotApplicable(SNode key, string field, string name, string context) =>
        Add("applies", key, field, "'" + name + "' does not apply to " + context);

    public void OneOf(SNode map, string field, string first, string second, bool both) =>
        Add("oneof", map, field, both
            ? "give '" + first + "' or '" + second + "', not both"
            : "missing required key: give '" + first + "' or '" + second + "'");

    public void Inconsistent(SNode at, string field, string message) =>
        Add("inconsistent", at, field, message);

    // ---- imports -------------------------------------------------------------------------------

    public void UnsupportedImport(SNode at, string field, string file) =>
        Add("import", at, field, "cannot import '" + file + "': expected a .csv or .parquet file");

    public void ColumnNotFound(SNode at, string field, string column, string file, IEnumerable<string> columns) =>
        Add("column", at, field, "column '" + column + "' not found in " + file + Suggestions.Hint(column, columns));

    public void NotMappable(SNode at, string field, string key) =>
        Add("column", at, field, "'" + key + "' cannot be read from a column (only single values can)");

    public void MalformedTable(SourceFile file, int line, int column, string problem) =>
        Add("table", file, line, column, "", problem);

    public void UnsupportedColumnType(SourceFile file, int column, string name, string type) =>
        Add("table", file, 1, column, name, "column '" + name + "' has type " + type + ", which cannot be imported");

    // ---- the network ---------------------------------------------------------------------------

    public void DuplicateId(SNode at, string field, string id, SNode first) =>
        Add("dupid", at, field, Invariant($"duplicate id '{id}' (first defined at {first.File.Path}:{first.Line})"));

    public void UnknownReference(SNode at, string field, string kind, string name, IEnumerable<string> candidates) =>
        Add("ref", at, field, "unknown " + kind + " '" + SScalar.Shown(name) + "'" + Suggestions.Hint(name, candidates));

    public void NotASupplier(SNode at, string field, string id, string role) =>
        Add("ref", at, field, "'" + id + "' is a " + role + " and cannot supply other nodes");

    public void SuppliesItself(SNode at, string field, string id) =>
        Add("ref", at, field, "'" + id + "' cannot source from itself");

    public void WrongProduct(SNode at, string field, string supplierId, string supplies, string needs) =>
        Add("product", at, field, "'" + supplierId + "' supplies " + supplies + ", but this stock holds " + needs);

    public void DuplicateSource(SNode at, string field, string supplierId) =>
        Add("dupsource", at, field, "'" + supplierId + "' appears more than once among these sources");

    public void SharesDoNotSumToOne(SNode at, string field, double sum) =>
        Add("shares", at, field, "the shares of these sources sum to " + Format(sum) + "; they must sum to 1");

    public void EmptyGroup(SNode at, string field, string group) =>
        Add("group", at, field, "group '" + group + "' has no members");

    public void MissingInput(SNode at, string field, string nodeId, string input, string product) =>
        Add("bom", at, field, "'" + nodeId + "' makes " + product + ", whose bill of materials needs input '" + input + "', but it has no such input");

    public void UnexpectedInput(SNode at, string field, string input, string product) =>
        Add("bom", at, field, "input '" + input + "' is not in the bill of materials of " + product);

    public void DuplicateInput(SNode at, string field, string input) =>
        Add("bom", at, field, "input '" + input + "' is listed more than once");

    public void TierMismatch(SNode at, string field, string supplierId, int supplierTier, string customerId, int customerTier) =>
        Add("tier", at, field, Invariant(
            $"'{supplierId}' is tier {supplierTier} but supplies '{customerId}' (tier {customerTier}); a supplier of a tier-{customerTier} node must be tier {customerTier + 1}"));

    public void Cycle(SNode at, string field, string what, IEnumerable<string> cycle) =>
        Add("cycle", at, field, "the " + what + " has a cycle: " + string.Join(" -> ", cycle));

    public void TooManyNodes(SNode at, long count, long cap) =>
        Add("cap", at, "", Invariant($"the network has {count:N0} nodes; the cap is {cap:N0}"));

    public void TooManyLinks(SNode at, long count, long cap) =>
        Add("cap", at, "", Invariant($"the network has {count:N0} links; the cap is {cap:N0}"));

    // ---- plumbing ------------------------------------------------------------------------------

    private static string UnknownKeyMessage(string key, string container, IEnumerable<string> valid) =>
        "unknown key '" + SScalar.Shown(key) + "' in " + Container(container) + Suggestions.Hint(key, valid);

    private static string Container(string path) => path.Length == 0 ? "the scenario" : path;

    /// <summary>A number as YAML writes it: invariant culture, and .inf / -.inf / .nan for the special values.</summary>
    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        double.NaN => ".nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Add(string kind, SNode at, string field, string message) =>
        Add(kind, at.File, at.Line, at.Column, field, message);

    private void Add(string kind, SourceFile file, int line, int column, string field, string message)
    {
        if (!_seen.Add((file.Path, line, column, FieldPath.LastKey(field), kind)))
        {
            return;
        }

        _errors.Add((new ScenarioError(file.Path, line, column, field, message), file.Rank, _errors.Count, kind == "read"));
    }
}
