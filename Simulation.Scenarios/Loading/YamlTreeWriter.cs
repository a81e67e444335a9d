using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Writes an <see cref="SNode"/> tree back to YAML: the resolved scenario (after <c>extends</c> and
/// <c>--set</c>). Keys keep their order and scalars their text and quoting, so the output is a pure
/// function of the input and its hash is stable.
/// </summary>
internal static class YamlTreeWriter
{
    public static string Write(SNode root)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings().WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, SNode node)
    {
        switch (node)
        {
            case SScalar scalar:
                EmitScalar(emitter, scalar);
                break;

            case SSeq seq:
                emitter.Emit(new SequenceStart(null, null, true, seq.IsFlow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (SNode item in seq.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;

            case SMap map:
                emitter.Emit(new MappingStart(null, null, true, map.IsFlow ? MappingStyle.Flow : MappingStyle.Block));
                foreach (SEntry entry in map.Entries)
                {
                    EmitScalar(emitter, entry.Key);
                    Emit(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
        }
    }

    private static void EmitScalar(IEmitter emitter, SScalar scalar)
    {
        if (scalar.IsNull)
        {
            emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
        }
        else if (scalar.IsPlain)
        {
            emitter.Emit(new Scalar(null, null, scalar.Value, ScalarStyle.Plain, true, false));
        }
        else
        {
            ScalarStyle style = scalar.IsBlockText ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
            emitter.Emit(new Scalar(null, null, scalar.Value, style, false, true));
        }
    }
}
