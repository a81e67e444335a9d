using System.Reflection;
using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks.Kernel.Reporting;

/// <summary>
/// Finds the <see cref="RunOutcome"/> of a benchmark case by running the case once more in the host
/// process: BenchmarkDotNet measures in a child process and does not bring return values back.
/// </summary>
/// <remarks>
/// This measures nothing; it only counts. Every kernel benchmark seeds its random streams with
/// constants and rebuilds its model before each run, so the replay fires exactly the events the
/// measured runs fired. Results are cached per case because every exporter asks every column.
/// </remarks>
internal static class OutcomeReplay
{
    private static readonly Dictionary<BenchmarkCase, RunOutcome?> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>The outcome of <paramref name="benchmarkCase"/>, or null if it does not return one.</summary>
    public static RunOutcome? Of(BenchmarkCase benchmarkCase)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(benchmarkCase, out var outcome))
            {
                outcome = Replay(benchmarkCase);
                Cache.Add(benchmarkCase, outcome);
            }

            return outcome;
        }
    }

    private static RunOutcome? Replay(BenchmarkCase benchmarkCase)
    {
        var descriptor = benchmarkCase.Descriptor;
        if (descriptor.WorkloadMethod.ReturnType != typeof(RunOutcome))
        {
            return null;
        }

        object instance = Activator.CreateInstance(descriptor.Type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            Assign(instance, parameter.Name, parameter.Value);
        }

        Invoke(descriptor.GlobalSetupMethod, instance);
        Invoke(descriptor.IterationSetupMethod, instance);
        var outcome = (RunOutcome)descriptor.WorkloadMethod.Invoke(instance, null)!;
        Invoke(descriptor.IterationCleanupMethod, instance);
        Invoke(descriptor.GlobalCleanupMethod, instance);
        return outcome;
    }

    private static void Assign(object instance, string name, object value)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        var type = instance.GetType();
        if (type.GetProperty(name, Flags) is { } property)
        {
            property.SetValue(property.GetMethod!.IsStatic ? null : instance, value);
        }
        else if (type.GetField(name, Flags) is { } field)
        {
            field.SetValue(field.IsStatic ? null : instance, value);
        }
    }

    private static void Invoke(MethodInfo? method, object instance) =>
        method?.Invoke(method.IsStatic ? null : instance, null);
}
