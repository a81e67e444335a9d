namespace Simulation.Scenarios.Loading;

/// <summary>
/// A file that contributed nodes to a scenario: the scenario itself, a base it extends, an imported
/// table, or the command line (<c>--set</c>). Errors are ordered by <see cref="Rank"/> (the order
/// files were met), then line and column.
/// </summary>
internal sealed class SourceFile
{
    public SourceFile(string path, int rank, string directory)
    {
        Path = path;
        Rank = rank;
        Directory = directory;
    }

    /// <summary>The path as shown in errors (as the user gave it, or joined to the referring file's folder).</summary>
    public string Path { get; }

    /// <summary>Order in which the file was met; errors sort by it first.</summary>
    public int Rank { get; }

    /// <summary>Folder that relative paths written in this file are resolved against.</summary>
    public string Directory { get; }
}

/// <summary>
/// A node of a scenario document with its origin. The loader converts YamlDotNet's representation
/// model into this tree once, so that merging (<c>extends</c>), overrides (<c>--set</c>) and imported
/// rows all share one shape and every value keeps the file, line and column it came from.
/// </summary>
internal abstract class SNode
{
    protected SNode(SourceFile file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public SourceFile File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>
    /// The YAML anchor (<c>&amp;name</c>) a list or mapping was written with, or null. An anchored node is
    /// one object at every place an alias (<c>*name</c>) names it, so a layered network's shared source
    /// list is read once instead of once per retailer; whatever changes a node must therefore change
    /// <see cref="Owned"/> of it, never the shared original.
    /// </summary>
    public string? Anchor { get; init; }

    /// <summary>What kind of node this is, in the words of an error message ("a mapping").</summary>
    public abstract string Describe();

    /// <summary>
    /// A node that only its caller holds: <paramref name="node"/> itself unless it is anchored (and so
    /// possibly shared), else a deep copy without anchors. Every node below an anchored one is shared
    /// with it, so the copy is deep.
    /// </summary>
    public static T Owned<T>(T node)
        where T : SNode => node.Anchor is null ? node : (T)node.DeepCopy();

    /// <summary>A copy of this node and everything below it, sharing nothing but the immutable scalars.</summary>
    public abstract SNode DeepCopy();
}

/// <summary>A scalar: its text and whether it was written plain (unquoted), which decides its type.</summary>
internal sealed class SScalar : SNode
{
    public SScalar(SourceFile file, int line, int column, string value, bool isPlain, bool isBlockText = false)
        : base(file, line, column)
    {
        Value = value;
        IsPlain = isPlain;
        IsBlockText = isBlockText;
    }

    public string Value { get; }

    /// <summary>Unquoted: may be a number, a boolean or null. Quoted text is always text.</summary>
    public bool IsPlain { get; }

    /// <summary>Written as a literal block (<c>|</c>); kept so the resolved document reads the same.</summary>
    public bool IsBlockText { get; }

    /// <summary>The YAML null: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing (null)" : "'" + Shown(Value) + "'";

    /// <summary>Longest value echoed whole in a message; longer ones are cut, so a huge value cannot flood the terminal.</summary>
    public const int MaxShownLength = 60;

    /// <summary>The value as a message shows it: on one line, and cut after <paramref name="max"/> characters with its length.</summary>
    public static string Shown(string value, int max = MaxShownLength)
    {
        string line = value.Length <= max ? value.ReplaceLineEndings(" ") : value[..(max - 20)].ReplaceLineEndings(" ");
        return value.Length <= max
            ? line
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{line}... ({value.Length:N0} characters)");
    }

    /// <summary>Scalars are never changed in place, so they need no copy.</summary>
    public override SNode DeepCopy() => this;
}

/// <summary>A sequence.</summary>
internal sealed class SSeq : SNode
{
    public SSeq(SourceFile file, int line, int column, bool isFlow)
        : base(file, line, column)
    {
        IsFlow = isFlow;
    }

    public List<SNode> Items { get; } = [];

    public bool IsFlow { get; }

    public override string Describe() => "a list";

    public override SNode DeepCopy()
    {
        var copy = new SSeq(File, Line, Column, IsFlow);
        copy.Items.Capacity = Items.Count;
        foreach (SNode item in Items)
        {
            copy.Items.Add(item.DeepCopy());
        }

        return copy;
    }
}

/// <summary>A key and its value in a mapping. The value is replaced by merges and overrides.</summary>
internal sealed class SEntry
{
    public SEntry(SScalar key, SNode value)
    {
        Key = key;
        Value = value;
    }

    public SScalar Key { get; }

    public SNode Value { get; set; }
}

/// <summary>A mapping with text keys, in document order.</summary>
internal sealed class SMap : SNode
{
    public SMap(SourceFile file, int line, int column, bool isFlow)
        : base(file, line, column)
    {
        IsFlow = isFlow;
    }

    public List<SEntry> Entries { get; } = [];

    public bool IsFlow { get; }

    public SEntry? Find(string key)
    {
        foreach (SEntry entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent.</summary>
    public SNode? Get(string key) => Find(key)?.Value;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, appending the key if it is new.</summary>
    public void Set(SScalar key, SNode value)
    {
        SEntry? existing = Find(key.Value);
        if (existing is null)
        {
            Entries.Add(new SEntry(key, value));
        }
        else
        {
            existing.Value = value;
        }
    }

    public bool Remove(string key) =>
        Entries.RemoveAll(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal)) > 0;

    public override string Describe() => "a mapping";

    public override SNode DeepCopy()
    {
        var copy = new SMap(File, Line, Column, IsFlow);
        copy.Entries.Capacity = Entries.Count;
        foreach (SEntry entry in Entries)
        {
            copy.Entries.Add(new SEntry(entry.Key, entry.Value.DeepCopy()));
        }

        return copy;
    }
}
