using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Parses YAML text with YamlDotNet's representation model and converts it into an
/// <see cref="SNode"/> tree that keeps every node's file, line and column.
/// </summary>
internal static class YamlTreeParser
{
    /// <summary>
    /// Parses one document. Malformed YAML gives one error at the parser's position and null.
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
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            errors.MalformedYaml(file, line > 0 ? line : (int)e.Start.Line, (int)e.Start.Column + columnOffset, e.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some malformed input (an unclosed flow list before
            // a plain scalar); its position is still where the problem is.
            errors.MalformedYaml(
                file,
                line > 0 ? line : (int)scanner.CurrentPosition.Line,
                (int)scanner.CurrentPosition.Column + columnOffset,
                "cannot parse this (look for an unclosed bracket, brace or quote before it)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            if (line > 0)
            {
                return new SScalar(file, line, 1 + columnOffset, "", isPlain: true);
            }

            errors.EmptyDocument(file);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Mark start = stream.Documents[1].RootNode.Start;
            errors.SeveralDocuments(file, (int)start.Line, (int)start.Column);
            return null;
        }

        var converter = new Converter(file, errors, line, columnOffset);
        return converter.Convert(stream.Documents[0].RootNode, "");
    }

    /// <remarks>
    /// YamlDotNet resolves an alias to the very node its anchor names, so converting each place anew would
    /// copy the anchored list once per alias (a layered network's retailers share one 285-item source list:
    /// 318,000 copies at N = 2,000). An anchored list or mapping is converted once and the same
    /// <see cref="SNode"/> stands at every place; scalars are converted per place (they are small and never shared).
    /// </remarks>
    private sealed class Converter(SourceFile file, Diagnostics errors, int fixedLine, int columnOffset)
    {
        private readonly Dictionary<YamlNode, SNode> _anchored = new(ReferenceEqualityComparer.Instance);

        public SNode Convert(YamlNode node, string path)
        {
            if (node is YamlScalarNode || node.Anchor.IsEmpty)
            {
                return ConvertOnce(node, path);
            }

            if (!_anchored.TryGetValue(node, out SNode? converted))
            {
                converted = ConvertOnce(node, path);
                _anchored.Add(node, converted);
            }

            return converted;
        }

        private SNode ConvertOnce(YamlNode node, string path)
        {
            int line = fixedLine > 0 ? fixedLine : (int)node.Start.Line;
            int column = (int)node.Start.Column + columnOffset;
            string? anchor = node.Anchor.IsEmpty ? null : node.Anchor.Value;
            switch (node)
            {
                case YamlScalarNode scalar:
                    bool explicitText = !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str";
                    return new SScalar(
                        file,
                        line,
                        column,
                        scalar.Value ?? "",
                        isPlain: scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && !explicitText,
                        isBlockText: scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded);

                case YamlSequenceNode sequence:
                    var seq = new SSeq(file, line, column, sequence.Style == YamlDotNet.Core.Events.SequenceStyle.Flow) { Anchor = anchor };
                    int index = 0;
                    foreach (YamlNode item in sequence.Children)
                    {
                        seq.Items.Add(Convert(item, FieldPath.Item(path, index.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                        index++;
                    }

                    return seq;

                case YamlMappingNode mapping:
                    var map = new SMap(file, line, column, mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow) { Anchor = anchor };
                    foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Children)
                    {
                        SNode key = Convert(pair.Key, path);
                        if (key is not SScalar keyScalar)
                        {
                            errors.KeyNotText(key, path);
                            continue;
                        }

                        map.Entries.Add(new SEntry(keyScalar, Convert(pair.Value, FieldPath.Child(path, keyScalar.Value))));
                    }

                    return map;

                default:
                    // Aliases are resolved by YamlDotNet when the document loads; nothing else exists.
                    return new SScalar(file, line, column, "", isPlain: true);
            }
        }
    }
}
