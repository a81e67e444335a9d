using System.Globalization;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Reads one mapping of a scenario against its <see cref="ObjectSchema"/>: unknown and missing keys are
/// reported when it is created, and each typed getter checks the value's type and range, reports what
/// is wrong, and returns the schema's default for a value of the wrong type (or the value itself when it
/// is merely out of range) so that reading can go on and find every error.
/// </summary>
internal sealed class MapReader
{
    private readonly ReadContext _context;
    private readonly string _samplePath;

    // Inside a supplier group (its schema is Sampled), number fields at any depth may be distributions.
    private readonly bool _sampled;

    public MapReader(ReadContext context, SMap map, ObjectSchema schema, string path, string samplePath = "", bool checkRequired = true)
        : this(context, map, schema, path, samplePath, checkRequired, schema.Sampled)
    {
    }

    private MapReader(ReadContext context, SMap map, ObjectSchema schema, string path, string samplePath, bool checkRequired, bool sampled)
    {
        _context = context;
        _samplePath = samplePath;
        _sampled = sampled || schema.Sampled;
        Map = map;
        Schema = schema;
        Path = path;

        // A misspelt required key is one mistake: report the unknown key with its suggestion, not also
        // the required key as missing.
        HashSet<string>? suggested = null;
        foreach (SEntry entry in map.Entries)
        {
            if (schema.Find(entry.Key.Value) is null)
            {
                Errors.UnknownKey(entry.Key, FieldPath.Child(path, entry.Key.Value), entry.Key.Value, path, schema.Keys);
                if (Suggestions.Nearest(entry.Key.Value, schema.Keys) is { } nearest)
                {
                    (suggested ??= new HashSet<string>(StringComparer.Ordinal)).Add(nearest);
                }
            }
        }

        if (checkRequired)
        {
            foreach (FieldSchema field in schema.Fields)
            {
                if (field.Required && Value(field.Key) is null && suggested?.Contains(field.Key) != true)
                {
                    Errors.MissingKey(map, FieldPath.Child(path, field.Key), field.Key, path);
                }
            }
        }
    }

    public SMap Map { get; }

    public ObjectSchema Schema { get; }

    /// <summary>The field path of this mapping, e.g. <c>suppliers[cmt-01]</c>.</summary>
    public string Path { get; }

    public Diagnostics Errors => _context.Errors;

    public ReadContext Context => _context;

    /// <summary>The value of <paramref name="key"/>, or null if it is absent or null.</summary>
    public SNode? Value(string key) => Map.Get(key) is { } node and not SScalar { IsNull: true } ? node : null;

    /// <summary>The node errors about <paramref name="key"/> point at: its value, else the mapping.</summary>
    public SNode At(string key) => Value(key) ?? Map;

    public bool Has(string key) => Value(key) is not null;

    public string FieldPathOf(string key) => FieldPath.Child(Path, key);

    public string? Text(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is SScalar scalar)
        {
            return scalar.Value;
        }

        Errors.WrongType(node, FieldPathOf(key), "a text value");
        return null;
    }

    public double Number(string key)
    {
        FieldSchema field = Schema[key];
        SNode? node = Value(key);
        if (node is null)
        {
            return field.Default;
        }

        string path = FieldPathOf(key);
        if (node is SMap && _context.Sampler is { } sampler && _sampled)
        {
            Distribution? distribution = DistributionReader.Read(Errors, node, path, null);
            if (distribution is null)
            {
                return field.Default;
            }

            double draw = sampler.Draw(FieldPath.Child(_samplePath, key), distribution);
            if (field.Kind == FieldKind.Integer)
            {
                draw = Math.Round(draw, MidpointRounding.AwayFromZero);
            }

            if (!field.InRange(draw))
            {
                Errors.SampledOutOfRange(node, path, double.IsFinite(draw) ? field.BoundsText : field.RangeText, draw, sampler.MemberId);
                return field.Default;
            }

            return draw;
        }

        string expected = field.Words.Count == 0 ? "a number" : "a number or " + string.Join(" or ", field.Words);
        if (node is not SScalar scalar)
        {
            Errors.WrongType(node, path, node is SMap ? expected + " (distributions are allowed only in supplier_groups)" : expected);
            return field.Default;
        }

        if (field.Words.Contains(scalar.Value, StringComparer.Ordinal))
        {
            // A word stands for a value the engine works out (steady_state); see Word.
            return field.Default;
        }

        if (!YamlNumbers.TryParse(scalar.Value, out double value))
        {
            Errors.WrongType(node, path, expected);
            return field.Default;
        }

        if (!scalar.IsPlain)
        {
            Errors.QuotedNumber(node, path, scalar.Value);
            return field.Default;
        }

        if (field.Kind == FieldKind.Integer && double.IsFinite(value) && value != Math.Floor(value))
        {
            Errors.NotInteger(node, path, value);
            return field.Default;
        }

        if (!field.InRange(value))
        {
            // The value itself, not the default, goes on: later checks (shares summing to 1) then
            // describe what the file says.
            Errors.OutOfRange(node, path, double.IsFinite(value) ? field.BoundsText : field.RangeText, value);
        }

        return value;
    }

    /// <summary>The word a number field holds instead of a number (one of <see cref="FieldSchema.Words"/>), or null.</summary>
    public string? Word(string key) =>
        Value(key) is SScalar scalar && Schema[key].Words.Contains(scalar.Value, StringComparer.Ordinal) ? scalar.Value : null;

    public int Integer(string key) => (int)Math.Clamp(Number(key), int.MinValue, int.MaxValue);

    /// <summary>
    /// A number that may be a schedule (<see cref="FieldSchema.Scheduled"/>): a plain number is constant;
    /// a list of steps <c>{from_day, value}</c> (in increasing <c>from_day</c>; a step with <c>end_day</c>
    /// gives the value before it back from that day) starts at the field's default before the first step.
    /// </summary>
    /// <returns>The value at day 0 and the changes after it (day 0 steps are folded into the value).</returns>
    public (double Initial, IReadOnlyList<ParameterChange<double>> Changes) Schedule(string key)
    {
        FieldSchema field = Schema[key];
        if (Value(key) is not SSeq seq)
        {
            return (Number(key), []);
        }

        string path = FieldPathOf(key);
        ObjectSchema stepSchema = ScenarioFormat.ScheduleStep(field);
        var changes = new List<ParameterChange<double>>();
        double current = field.Default;
        double lastDay = double.NegativeInfinity;
        double pendingEnd = double.NaN;
        double valueBefore = current;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string itemPath = FieldPath.Item(path, Selector(seq.Items[i], i));
            if (seq.Items[i] is not SMap item)
            {
                Errors.WrongType(seq.Items[i], itemPath, "a step {from_day, value}");
                continue;
            }

            var step = new MapReader(_context, item, stepSchema, itemPath);
            double from = step.Number("from_day");
            double value = step.Number("value");
            if (from <= lastDay)
            {
                Errors.Inconsistent(step.At("from_day"), step.FieldPathOf("from_day"),
                    InvariantText.Format($"steps must be in increasing from_day; {from} is not after {lastDay}"));
                continue;
            }

            if (!double.IsNaN(pendingEnd))
            {
                if (pendingEnd > from)
                {
                    Errors.Inconsistent(step.At("from_day"), step.FieldPathOf("from_day"),
                        InvariantText.Format($"the step before ends at day {pendingEnd}, after this step starts ({from})"));
                }
                else if (pendingEnd < from)
                {
                    changes.Add(new ParameterChange<double>(pendingEnd, valueBefore));
                }

                pendingEnd = double.NaN;
            }

            valueBefore = changes.Count > 0 ? changes[^1].Value : current;
            changes.Add(new ParameterChange<double>(from, value));
            lastDay = from;
            if (step.Has("end_day"))
            {
                double end = step.Number("end_day");
                if (end <= from)
                {
                    Errors.Inconsistent(step.At("end_day"), step.FieldPathOf("end_day"),
                        InvariantText.Format($"end_day ({end}) must be after from_day ({from})"));
                }
                else
                {
                    pendingEnd = end;
                }
            }
        }

        if (!double.IsNaN(pendingEnd) && double.IsFinite(pendingEnd))
        {
            changes.Add(new ParameterChange<double>(pendingEnd, valueBefore));
        }

        // A step at day 0 is the initial value, not a change.
        if (changes.Count > 0 && changes[0].Day == 0)
        {
            current = changes[0].Value;
            changes.RemoveAt(0);
        }

        return (current, changes);
    }

    public ulong Seed(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return (ulong)Schema[key].Default;
        }

        if (node is SScalar { IsPlain: true } scalar &&
            ulong.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            return seed;
        }

        Errors.WrongType(node, FieldPathOf(key), "a whole number from 0 to 18446744073709551615");
        return (ulong)Schema[key].Default;
    }

    public DateOnly? Date(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is SScalar scalar &&
            DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return date;
        }

        Errors.WrongType(node, FieldPathOf(key), "a date YYYY-MM-DD");
        return null;
    }

    /// <summary>A YAML boolean (<c>true</c> or <c>false</c>, unquoted), or false when absent.</summary>
    public bool Boolean(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return false;
        }

        if (node is SScalar { IsPlain: true, Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }

        Errors.WrongType(node, FieldPathOf(key), "true or false");
        return false;
    }

    /// <summary>One of the field's <see cref="FieldSchema.Choices"/>, or its default.</summary>
    public string Choice(string key)
    {
        FieldSchema field = Schema[key];
        string? text = Text(key);
        if (text is null)
        {
            return field.DefaultText ?? field.Choices[0];
        }

        if (!field.Choices.Contains(text, StringComparer.Ordinal))
        {
            Errors.UnknownChoice(At(key), FieldPathOf(key), text, field.Choices);
            return field.DefaultText ?? field.Choices[0];
        }

        return text;
    }

    public Distribution? Distribution(string key)
    {
        SNode? node = Value(key);
        return node is null ? null : DistributionReader.Read(Errors, node, FieldPathOf(key), Schema[key]);
    }

    /// <summary>A nested mapping, or null (after reporting) when absent or not a mapping.</summary>
    public MapReader? Object(string key, bool checkRequired = true)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not SMap map)
        {
            Errors.WrongType(node, FieldPathOf(key), "a mapping");
            return null;
        }

        return new MapReader(_context, map, Schema[key].Object!, FieldPathOf(key), FieldPath.Child(_samplePath, key), checkRequired, _sampled);
    }

    /// <summary>The mappings of a list, each named by its identity key (<c>sources[mill-01]</c>) or index.</summary>
    public IReadOnlyList<MapReader> Items(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return [];
        }

        if (node is not SSeq seq)
        {
            Errors.WrongType(node, FieldPathOf(key), "a list");
            return [];
        }

        ObjectSchema schema = Schema[key].Object!;
        var items = new List<MapReader>(seq.Items.Count);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string selector = Selector(seq.Items[i], i);
            if (seq.Items[i] is not SMap item)
            {
                Errors.WrongType(seq.Items[i], FieldPath.Item(FieldPathOf(key), selector), "a mapping");
                continue;
            }

            items.Add(new MapReader(
                _context,
                item,
                schema,
                FieldPath.Item(FieldPathOf(key), selector),
                FieldPath.Item(FieldPath.Child(_samplePath, key), selector),
                checkRequired: true,
                _sampled));
        }

        return items;
    }

    /// <summary>
    /// The mappings of a field that holds one mapping or a list of them (demand streams): a single
    /// mapping keeps the field's own path (<c>buyers[b].demand</c>), list items are named as in
    /// <see cref="Items"/> (<c>buyers[b].demand[retail]</c>).
    /// </summary>
    public IReadOnlyList<MapReader> OneOrMany(string key)
    {
        SNode? node = Value(key);
        if (node is SMap)
        {
            return Object(key) is { } single ? [single] : [];
        }

        if (node is not SSeq seq)
        {
            if (node is not null)
            {
                Errors.WrongType(node, FieldPathOf(key), "a mapping or a list of mappings");
            }

            return [];
        }

        if (seq.Items.Count == 0)
        {
            Errors.WrongType(node, FieldPathOf(key), "a mapping or a non-empty list of mappings");
        }

        return Items(key);
    }

    public IReadOnlyList<string> Texts(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return [];
        }

        if (node is not SSeq seq)
        {
            Errors.WrongType(node, FieldPathOf(key), "a list of text values");
            return [];
        }

        var texts = new List<string>(seq.Items.Count);
        foreach (SNode item in seq.Items)
        {
            if (item is SScalar { IsNull: false } scalar)
            {
                texts.Add(scalar.Value);
            }
            else
            {
                Errors.WrongType(item, FieldPathOf(key), "a text value");
            }
        }

        return texts;
    }

    /// <summary>The entries of a text-to-text mapping.</summary>
    public IReadOnlyList<(SScalar Key, SScalar Value)> TextMap(string key)
    {
        SNode? node = Value(key);
        if (node is null)
        {
            return [];
        }

        if (node is not SMap map)
        {
            Errors.WrongType(node, FieldPathOf(key), "a mapping of text to text");
            return [];
        }

        var pairs = new List<(SScalar, SScalar)>(map.Entries.Count);
        foreach (SEntry entry in map.Entries)
        {
            if (entry.Value is SScalar { IsNull: false } value)
            {
                pairs.Add((entry.Key, value));
            }
            else
            {
                Errors.WrongType(entry.Value, FieldPath.Child(FieldPathOf(key), entry.Key.Value), "a column name");
            }
        }

        return pairs;
    }

    /// <summary>How an item of a list is named in paths: its identity key's value, else its index.</summary>
    public static string Selector(SNode item, int index)
    {
        if (item is SMap map)
        {
            foreach (string identity in ScenarioFormat.IdentityKeys)
            {
                if (map.Get(identity) is SScalar { IsNull: false } id)
                {
                    return id.Value;
                }
            }
        }

        return index.ToString(CultureInfo.InvariantCulture);
    }
}
