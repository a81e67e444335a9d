namespace Simulation.Scenarios.Loading;

/// <summary>
/// Reads a scenario file and the chain of bases it <c>extends</c>, and merges each file over its base:
/// mappings merge key by key, lists whose items all have an <c>id</c> merge item by item (an item with
/// <c>remove: true</c> deletes the base's item), and any other value (an empty list too) replaces the base's.
/// </summary>
internal static class DocumentAssembler
{
    private const string ExtendsKey = "extends";
    private const string IdKey = "id";
    private const string RemoveKey = "remove";

    /// <summary>Returns the merged document, or null if any file of the chain cannot be read or parsed.</summary>
    public static SMap? Assemble(string path, SourceFiles files, Diagnostics errors) =>
        Load(path, files, errors, [], referrer: null);

    private static SMap? Load(string path, SourceFiles files, Diagnostics errors, List<string> chain, SEntry? referrer)
    {
        string fullPath = Path.GetFullPath(path);
        if (chain.Contains(fullPath, StringComparer.Ordinal))
        {
            IEnumerable<string> names = chain.Append(fullPath).Select(Path.GetFileName).OfType<string>();
            errors.ExtendsCycle(referrer!.Value, ExtendsKey, names);
            return null;
        }

        string directory = Path.GetDirectoryName(path) is { Length: > 0 } folder ? folder : ".";
        SourceFile file = files.Register(path, directory);
        if (InputText.TryRead(path, out string reason) is not { } text)
        {
            if (referrer is null)
            {
                errors.CannotRead(file, reason);
            }
            else
            {
                errors.CannotRead(referrer.Value, ExtendsKey, path, reason);
            }

            return null;
        }

        SNode? root = YamlTreeParser.Parse(text, file, errors);
        if (root is null)
        {
            return null;
        }

        if (root is not SMap map)
        {
            errors.NotAMapping(root, "a mapping of scenario keys (name: ..., horizon_days: ...)");
            return null;
        }

        SEntry? extends = map.Find(ExtendsKey);
        if (extends is null)
        {
            return map;
        }

        if (extends.Value is not SScalar { IsNull: false } basePath)
        {
            errors.WrongType(extends.Value, ExtendsKey, "the path of a base scenario");
            return null;
        }

        chain.Add(fullPath);
        SMap? baseMap = Load(Path.Combine(directory, basePath.Value), files, errors, chain, extends);
        if (baseMap is null)
        {
            return null;
        }

        map.Remove(ExtendsKey);
        MergeMaps(baseMap, map, "", errors);
        return baseMap;
    }

    /// <summary>Merges <paramref name="over"/> into <paramref name="target"/> (which it changes).</summary>
    private static void MergeMaps(SMap target, SMap over, string path, Diagnostics errors)
    {
        foreach (SEntry entry in over.Entries)
        {
            SEntry? existing = target.Find(entry.Key.Value);
            if (existing is null)
            {
                target.Entries.Add(entry);
            }
            else
            {
                existing.Value = Merge(existing.Value, entry.Value, FieldPath.Child(path, entry.Key.Value), errors);
            }
        }
    }

    private static SNode Merge(SNode target, SNode over, string path, Diagnostics errors)
    {
        // The base's node may be anchored and so stand at other places too: merge into a copy of it.
        if (target is SMap targetMap && over is SMap overMap)
        {
            targetMap = SNode.Owned(targetMap);
            MergeMaps(targetMap, overMap, path, errors);
            return targetMap;
        }

        if (target is SSeq targetSeq && over is SSeq overSeq && overSeq.Items.Count > 0 && HasIds(overSeq) && HasIds(targetSeq))
        {
            targetSeq = SNode.Owned(targetSeq);
            MergeById(targetSeq, overSeq, path, errors);
            return targetSeq;
        }

        return over;
    }

    private static void MergeById(SSeq target, SSeq over, string path, Diagnostics errors)
    {
        foreach (SMap overItem in over.Items.Cast<SMap>())
        {
            SMap item = SNode.Owned(overItem);
            string id = IdOf(item)!;
            int index = target.Items.FindIndex(t => IdOf((SMap)t) == id);
            SEntry? remove = item.Find(RemoveKey);
            bool removing = remove?.Value is SScalar { IsPlain: true, Value: "true" or "True" or "TRUE" };
            if (remove is not null && remove.Value is SScalar { IsPlain: true, Value: "true" or "True" or "TRUE" or "false" or "False" or "FALSE" })
            {
                item.Remove(RemoveKey);
            }

            if (removing)
            {
                if (index < 0)
                {
                    errors.RemoveWithoutBase(remove!.Key, FieldPath.Child(FieldPath.Item(path, id), RemoveKey), id);
                }
                else
                {
                    target.Items.RemoveAt(index);
                }
            }
            else if (index < 0)
            {
                target.Items.Add(item);
            }
            else
            {
                var baseItem = SNode.Owned((SMap)target.Items[index]);
                target.Items[index] = baseItem;
                MergeMaps(baseItem, item, FieldPath.Item(path, id), errors);
            }
        }
    }

    private static bool HasIds(SSeq seq) => seq.Items.TrueForAll(i => i is SMap map && IdOf(map) is not null);

    private static string? IdOf(SMap map) => map.Get(IdKey) is SScalar { IsNull: false } id ? id.Value : null;
}
