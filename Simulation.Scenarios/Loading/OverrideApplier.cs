using Simulation.Scenarios.Reading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Applies <c>--set path=value</c> overrides to the merged document. A path is keys joined by dots, and
/// a list item is picked by its id (or product, supplier, group, file) or index in brackets:
/// <c>suppliers[cmt-01].inputs[fabric].policy.order_up_to</c>. Keys are checked against the format, so
/// a typo is an error with the nearest key suggested; keys the document lacks are added. The value is
/// YAML: a scalar or a flow collection (<c>{dist: uniform, min: 1, max: 2}</c>).
/// </summary>
internal static class OverrideApplier
{
    private enum Scope
    {
        Object,
        Distribution,
        FreeMap,
    }

    public static void Apply(SMap root, IReadOnlyList<string> overrides, SourceFile file, Diagnostics errors)
    {
        for (int i = 0; i < overrides.Count; i++)
        {
            Apply(root, overrides[i], i + 1, file, errors);
        }
    }

    private static void Apply(SMap root, string argument, int index, SourceFile file, Diagnostics errors)
    {
        int equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            errors.OverrideSyntax(file, index, argument);
            return;
        }

        string path = argument[..equals].Trim();
        List<Segment>? segments = ParsePath(path, index, file, errors);
        if (segments is null)
        {
            return;
        }

        SNode? value = YamlTreeParser.Parse(argument[(equals + 1)..], file, errors, line: index, columnOffset: equals + 1);
        if (value is null)
        {
            return;
        }

        SMap current = root;
        ObjectSchema? schema = ScenarioFormat.Root;
        Scope scope = Scope.Object;
        string walked = "";
        for (int s = 0; s < segments.Count; s++)
        {
            Segment segment = segments[s];
            bool last = s == segments.Count - 1;
            string container = walked;
            walked = FieldPath.Child(walked, segment.Key);
            FieldSchema? field = null;
            if (scope == Scope.Object)
            {
                field = schema!.Find(segment.Key);
                if (field is null || (s == 0 && segment.Key == "extends"))
                {
                    errors.OverrideUnknownKey(file, index, segment.Column, path, segment.Key, container, schema.Keys.Where(k => k != "extends"));
                    return;
                }
            }
            else if (scope == Scope.Distribution)
            {
                string[] keys = ["dist", .. ScenarioFormat.Distributions.SelectMany(d => d.Parameters).Distinct()];
                if (!keys.Contains(segment.Key, StringComparer.Ordinal))
                {
                    errors.OverrideUnknownKey(file, index, segment.Column, path, segment.Key, container, keys);
                    return;
                }
            }

            SEntry? entry = current.Find(segment.Key);
            var keyNode = new SScalar(file, index, segment.Column, segment.Key, isPlain: true);
            SNode target;
            if (segment.Selector is { } selector)
            {
                if (field?.Kind is not (FieldKind.ObjectList or FieldKind.ObjectOrList))
                {
                    errors.OverrideNotAList(file, index, segment.Column, path, segment.Key);
                    return;
                }

                walked = FieldPath.Item(walked, selector);

                // Anchored lists and mappings stand at every place an alias names them: change a copy.
                var seq = entry?.Value as SSeq;
                if (seq is not null)
                {
                    entry!.Value = seq = SNode.Owned(seq);
                }

                int item = seq is null ? -1 : Find(seq, selector);
                if (item < 0)
                {
                    IEnumerable<string> ids = seq is null ? [] : seq.Items.Select(MapReader.Selector);
                    errors.OverrideNoItem(file, index, segment.Column, path, segment.Key, selector, ids);
                    return;
                }

                if (last)
                {
                    seq!.Items[item] = value;
                    return;
                }

                target = seq!.Items[item] = SNode.Owned(seq.Items[item]);
                schema = field.Object;
                scope = Scope.Object;
            }
            else
            {
                if (last)
                {
                    current.Set(keyNode, value);
                    return;
                }

                if (field is not null && field.Kind is not (FieldKind.Object or FieldKind.ObjectOrList or FieldKind.Distribution or FieldKind.TextMap))
                {
                    errors.OverrideNotAContainer(file, index, segment.Column, path, segment.Key, "a single value, or a list (pick an item with [id])");
                    return;
                }

                SNode? child = entry?.Value;
                if (child is null or SScalar { IsNull: true })
                {
                    child = new SMap(file, index, segment.Column, isFlow: true);
                    current.Set(keyNode, child);
                }
                else
                {
                    entry!.Value = child = SNode.Owned(child);
                }

                target = child;
                (schema, scope) = field?.Kind switch
                {
                    FieldKind.Object or FieldKind.ObjectOrList => (field.Object, Scope.Object),
                    FieldKind.Distribution => (null, Scope.Distribution),
                    _ => (null, Scope.FreeMap),
                };
            }

            if (target is not SMap map)
            {
                errors.OverrideNotAContainer(file, index, segment.Column, path, segment.Key, target.Describe());
                return;
            }

            current = map;
        }
    }

    private static int Find(SSeq seq, string selector)
    {
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (string.Equals(MapReader.Selector(seq.Items[i], i), selector, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.TryParse(selector, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < seq.Items.Count
            ? index
            : -1;
    }

    private static List<Segment>? ParsePath(string path, int index, SourceFile file, Diagnostics errors)
    {
        var segments = new List<Segment>();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < path.Length && path[i] is not ('.' or '[' or ']'))
            {
                i++;
            }

            if (i == start)
            {
                errors.OverridePathSyntax(file, index, start + 1, path, "expected a key at character " + (start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }

            string key = path[start..i];
            string? selector = null;
            if (i < path.Length && path[i] == '[')
            {
                int close = path.IndexOf(']', i);
                if (close < 0 || close == i + 1)
                {
                    errors.OverridePathSyntax(file, index, i + 1, path, "expected [id] with a closing bracket");
                    return null;
                }

                selector = path[(i + 1)..close];
                i = close + 1;
            }

            segments.Add(new Segment(key, selector, start + 1));
            if (i == path.Length)
            {
                return segments;
            }

            if (path[i] != '.')
            {
                errors.OverridePathSyntax(file, index, i + 1, path, "expected '.' after " + path[..i]);
                return null;
            }

            i++;
        }
    }

    private sealed record Segment(string Key, string? Selector, int Column);
}
