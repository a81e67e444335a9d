using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Parses YAML text into an <see cref="SNode"/> tree that keeps every node's file, line and column,
/// straight from YamlDotNet's event stream. The tree is built with an explicit stack, not recursion, so
/// that hostile input is refused with a located error instead of taking the process down: nesting
/// deeper than <see cref="MaxDepth"/>, and documents that expand to more than <see cref="MaxNodes"/>
/// values (a "billion laughs" alias bomb).
/// </summary>
/// <remarks>
/// An alias stands for the very node its anchor names: the same <see cref="SNode"/> is placed at every
/// alias (a layered network's retailers share one 285-item source list; copying it per alias made
/// 318,000 copies at N = 2,000), and code that changes a node copies an anchored one first
/// (<see cref="SNode.DeepCopy"/>). The budget still counts each alias as the values it stands for,
/// because readers and the resolved-YAML writer walk them all.
/// </remarks>
internal static class YamlTreeParser
{
    /// <summary>Deepest nesting of mappings and lists accepted; scenarios need fewer than 10.</summary>
    public const int MaxDepth = 100;

    /// <summary>Most values one document may expand to, each alias counted as the values it stands for.</summary>
    public const int MaxNodes = 20_000_000;

    /// <summary>
    /// Parses one document. Malformed YAML gives one error at the parser's position (or, for an unclosed
    /// flow list or mapping, where its bracket opened) and null.
    /// </summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="file">The file it came from.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="line">For text taken from a command line: the line to report every node at (0 = keep YAML lines).</param>
    /// <param name="columnOffset">Added to every column (for text that starts inside a longer argument).</param>
    /// <returns>The root node, or null when the text is malformed or empty.</returns>
    public static SNode? Parse(string text, SourceFile file, Diagnostics errors, int line = 0, int columnOffset = 0)
    {
        var scanner = new Scanner(new StringReader(text));
        var builder = new Builder(file, errors, line, columnOffset);
        try
        {
            return builder.Build(new Parser(scanner));
        }
        catch (YamlException e)
        {
            builder.Malformed(e.Start, e.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some malformed input (an unclosed flow list before
            // a plain scalar); its position is still where the problem is.
            builder.Malformed(scanner.CurrentPosition, "cannot parse this (look for an unclosed bracket, brace or quote before it)");
            return null;
        }
    }

    /// <summary>One open mapping or list and, for a mapping, the key waiting for its value.</summary>
    private sealed class Frame(SNode node, string path, string? anchor)
    {
        public SNode Node { get; } = node;

        public string Path { get; } = path;

        public string? Anchor { get; } = anchor;

        public SScalar? PendingKey { get; set; }

        /// <summary>Values in this container so far, aliases expanded.</summary>
        public long Size { get; set; } = 1;

        /// <summary>The key was not text: its value is read and dropped.</summary>
        public bool SkipValue { get; set; }

        public bool AwaitingKey => Node is SMap && PendingKey is null && !SkipValue;
    }

    private sealed class Builder(SourceFile file, Diagnostics errors, int fixedLine, int columnOffset)
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, (SNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private long _nodes;
        private SNode? _root;

        public SNode? Build(Parser parser)
        {
            int documents = 0;
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                switch (current)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            Mark at = parser.MoveNext() ? parser.Current!.Start : current.Start;
                            errors.SeveralDocuments(file, Line(at), Column(at));
                            return null;
                        }

                        break;
                    case Scalar scalar:
                        if (!Add(ToScalar(scalar), scalar.Anchor, scalar.Start))
                        {
                            return null;
                        }

                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        {
                            errors.MalformedYaml(file, Line(alias.Start), Column(alias.Start), $"the alias '*{alias.Value.Value}' names no anchor defined before it");
                            return null;
                        }

                        if (!Count(alias.Start, anchored.Size))
                        {
                            return null;
                        }

                        Place(anchored.Node, anchored.Size);
                        break;
                    case MappingStart mapping:
                        if (!Open(new SMap(file, Line(mapping.Start), Column(mapping.Start), mapping.Style == MappingStyle.Flow) { Anchor = AnchorOf(mapping.Anchor) }, mapping.Anchor, mapping.Start))
                        {
                            return null;
                        }

                        break;
                    case SequenceStart sequence:
                        if (!Open(new SSeq(file, Line(sequence.Start), Column(sequence.Start), sequence.Style == SequenceStyle.Flow) { Anchor = AnchorOf(sequence.Anchor) }, sequence.Anchor, sequence.Start))
                        {
                            return null;
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        Frame closed = _open.Pop();
                        Remember(closed.Anchor, closed.Node, closed.Size);
                        Place(closed.Node, closed.Size);

                        break;
                }
            }

            if (documents == 0)
            {
                if (fixedLine > 0)
                {
                    return new SScalar(file, fixedLine, 1 + columnOffset, "", isPlain: true);
                }

                errors.EmptyDocument(file);
            }

            return _root;
        }

        /// <summary>Reports malformed YAML; inside an unclosed flow list or mapping, where its bracket opened.</summary>
        public void Malformed(Mark at, string message)
        {
            Frame? flow = _open.FirstOrDefault(f => f.Node is SSeq { IsFlow: true } or SMap { IsFlow: true });
            if (flow is not null)
            {
                string bracket = flow.Node is SSeq ? "[" : "{";
                errors.MalformedYaml(file, flow.Node.Line, flow.Node.Column, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the '{bracket}' opened here is not closed (the parser gave up at line {at.Line}, column {at.Column}: {message.TrimEnd('.')})"));
                return;
            }

            errors.MalformedYaml(file, Line(at), Column(at), message);
        }

        private SScalar ToScalar(Scalar scalar)
        {
            bool explicitText = !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str";
            return new SScalar(
                file,
                Line(scalar.Start),
                Column(scalar.Start),
                scalar.Value,
                isPlain: scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && !explicitText,
                isBlockText: scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded);
        }

        private bool Open(SNode node, AnchorName anchor, Mark at)
        {
            if (!Count(at, 1))
            {
                return false;
            }

            if (_open.Count >= MaxDepth)
            {
                errors.MalformedYaml(file, Line(at), Column(at), string.Create(
                    CultureInfo.InvariantCulture, $"nested deeper than {MaxDepth} levels of mappings and lists; a scenario needs far fewer"));
                return false;
            }

            string path = _open.TryPeek(out Frame? parent) ? ChildPath(parent) : "";
            _open.Push(new Frame(node, path, anchor.IsEmpty ? null : anchor.Value));
            return true;
        }

        private bool Add(SScalar node, AnchorName anchor, Mark at)
        {
            if (!Count(at, 1))
            {
                return false;
            }

            Remember(anchor.IsEmpty ? null : anchor.Value, node, 1);
            Place(node, 1);
            return true;
        }

        /// <summary>Puts a finished node, standing for <paramref name="size"/> values, into the open container (or makes it the root).</summary>
        private void Place(SNode node, long size)
        {
            if (!_open.TryPeek(out Frame? frame))
            {
                _root = node;
                return;
            }

            frame.Size += size;

            switch (frame.Node)
            {
                case SSeq seq:
                    seq.Items.Add(node);
                    break;
                case SMap when frame.SkipValue:
                    frame.SkipValue = false;
                    break;
                case SMap map when frame.PendingKey is null:
                    if (node is not SScalar key)
                    {
                        errors.KeyNotText(node, frame.Path);
                        frame.SkipValue = true;
                    }
                    else if (map.Find(key.Value) is { } first)
                    {
                        errors.DuplicateKey(key, FieldPath.Child(frame.Path, key.Value), key.Value, first.Key);
                        frame.SkipValue = true;
                    }
                    else
                    {
                        frame.PendingKey = key;
                    }

                    break;
                case SMap map:
                    map.Entries.Add(new SEntry(frame.PendingKey!, node));
                    frame.PendingKey = null;
                    break;
            }

        }

        private void Remember(string? anchor, SNode node, long size)
        {
            if (anchor is not null)
            {
                _anchors[anchor] = (node, size);
            }
        }

        private bool Count(Mark at, long values)
        {
            _nodes += values;
            if (_nodes <= MaxNodes)
            {
                return true;
            }

            errors.MalformedYaml(file, Line(at), Column(at), string.Create(
                CultureInfo.InvariantCulture,
                $"the document expands to more than {MaxNodes:N0} values (each alias stands for its anchored value; aliases of aliases multiply), more than any scenario needs"));
            return false;
        }

        private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

        private static string ChildPath(Frame parent) => parent.Node switch
        {
            SSeq seq => FieldPath.Item(parent.Path, seq.Items.Count.ToString(CultureInfo.InvariantCulture)),
            _ when parent.PendingKey is { } key => FieldPath.Child(parent.Path, key.Value),
            _ => parent.Path,
        };

        private int Line(Mark at) => fixedLine > 0 ? fixedLine : (int)at.Line;

        private int Column(Mark at) => (int)at.Column + columnOffset;
    }
}
