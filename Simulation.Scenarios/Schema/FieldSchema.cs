using System.Globalization;

namespace Simulation.Scenarios.Schema;

/// <summary>What a key's value looks like in a scenario file.</summary>
internal enum FieldKind
{
    /// <summary>A text scalar (ids, names, references).</summary>
    Text,

    /// <summary>A number (YAML int or float; <c>.inf</c> where the range allows it).</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>An unsigned 64-bit whole number (the master seed).</summary>
    Seed,

    /// <summary>A calendar date, YYYY-MM-DD.</summary>
    Date,

    /// <summary>One of a fixed set of words.</summary>
    Choice,

    /// <summary>A distribution <c>{dist: ..., ...}</c>, or a bare number for a constant.</summary>
    Distribution,

    /// <summary>A nested mapping described by <see cref="FieldSchema.Object"/>.</summary>
    Object,

    /// <summary>A list of mappings described by <see cref="FieldSchema.Object"/>.</summary>
    ObjectList,

    /// <summary>One mapping described by <see cref="FieldSchema.Object"/>, or a list of them (demand streams).</summary>
    ObjectOrList,

    /// <summary>A list of text scalars.</summary>
    TextList,

    /// <summary>A YAML boolean, <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A mapping of text to text (import column names).</summary>
    TextMap,
}

/// <summary>
/// One key of the scenario format: its type, whether it is required, its default and its range. The
/// reader, the <c>--set</c> path checker and the JSON Schema all work from these, so they agree.
/// </summary>
internal sealed record FieldSchema(string Key, FieldKind Kind, string Description)
{
    public bool Required { get; init; }

    /// <summary>The default of a numeric field when the key is absent.</summary>
    public double Default { get; init; }

    /// <summary>The default as documented ("0", ".inf", "constant 1", "none"); null when there is none to show.</summary>
    public string? DefaultText { get; init; }

    public double? Min { get; init; }

    public bool MinExclusive { get; init; }

    public double? Max { get; init; }

    public bool MaxExclusive { get; init; }

    /// <summary>Whether <c>.inf</c> (or <c>-.inf</c>) is a meaningful value, as for capacities.</summary>
    public bool AllowInfinite { get; init; }

    /// <summary>Words a <see cref="FieldKind.Number"/> accepts beside numbers (<c>steady_state</c> for an initial stock).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>The words a <see cref="FieldKind.Choice"/> accepts.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The shape of an <see cref="FieldKind.Object"/> or of each item of an <see cref="FieldKind.ObjectList"/> or <see cref="FieldKind.ObjectOrList"/>.</summary>
    public ObjectSchema? Object { get; init; }

    /// <summary>
    /// A number that may also be a schedule: a list of steps <c>{from_day, value}</c> (a step may end at
    /// <c>end_day</c>, after which the value before it returns); read by <c>MapReader.Schedule</c>.
    /// </summary>
    public bool Scheduled { get; init; }

    /// <summary>For distributions of durations and lead times: no draw may be negative.</summary>
    public bool NonNegativeDraws { get; init; }

    /// <summary>For distributions of times between events: the mean must be positive (or time would stand still).</summary>
    public bool PositiveMean { get; init; }

    /// <summary>Whether <paramref name="value"/> is within <see cref="Min"/> and <see cref="Max"/>; NaN never is.</summary>
    public bool InRange(double value)
    {
        if (double.IsNaN(value) || (double.IsInfinity(value) && !AllowInfinite))
        {
            return false;
        }

        if (Min is double min && (MinExclusive ? value <= min : value < min))
        {
            return false;
        }

        return Max is not double max || (MaxExclusive ? value < max : value <= max);
    }

    /// <summary>The range in words, for messages and documentation: "&gt;= 0", "in (0, 1]", "finite and &gt;= 0".</summary>
    public string RangeText => AllowInfinite || (Min is null && Max is null) ? BoundsText : "finite and " + BoundsText;

    /// <summary>The bounds alone, for values that are finite but out of range.</summary>
    public string BoundsText
    {
        get
        {
            if (Min is double min && Max is double max)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"in {(MinExclusive ? "(" : "[")}{min}, {max}{(MaxExclusive ? ")" : "]")}");
            }

            if (Min is double low)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{(MinExclusive ? ">" : ">=")} {low}");
            }

            return Max is double high
                ? string.Create(CultureInfo.InvariantCulture, $"{(MaxExclusive ? "<" : "<=")} {high}")
                : "finite";
        }
    }
}

/// <summary>A mapping of the scenario format: the keys it accepts.</summary>
internal sealed class ObjectSchema
{
    private readonly Dictionary<string, FieldSchema> _byKey;

    public ObjectSchema(string name, string description, IReadOnlyList<FieldSchema> fields, bool sampled = false)
    {
        Name = name;
        Description = description;
        Fields = fields;
        Sampled = sampled;
        _byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
    }

    /// <summary>What it is, in words ("supplier", "inventory policy").</summary>
    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<FieldSchema> Fields { get; }

    /// <summary>
    /// In supplier groups every numeric field, here and in nested mappings, may be a distribution that
    /// is sampled once per generated supplier.
    /// </summary>
    public bool Sampled { get; }

    public IEnumerable<string> Keys => Fields.Select(f => f.Key);

    public FieldSchema? Find(string key) => _byKey.GetValueOrDefault(key);

    public FieldSchema this[string key] => _byKey[key];
}
