using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>
/// Each process body type is resumed through a copy of the resumption loop of its own (the first
/// <see cref="BodyCallSites.SiteCount"/> types; later ones share one). The table must give a type the
/// same site every time, never give two types the same own site (also when threads race for the free
/// ones), and never keep a collectible type; and a model whose bodies go through own and shared sites
/// must run exactly as written.
/// </summary>
public sealed class BodyCallSitesTests
{
    private static readonly Type[] DistinctTypes =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(bool), typeof(string),
        typeof(object), typeof(Guid), typeof(DateTime), typeof(TimeSpan), typeof(Uri), typeof(Version),
    ];

    [Fact]
    public void NewTypes_TakeTheFreeSitesInTurn_ThenShareTheLastOne()
    {
        var sites = new BodyCallSites();

        var first = DistinctTypes.Select(sites.SiteOf).ToArray();

        Assert.Equal(Enumerable.Range(0, BodyCallSites.SiteCount), first.Take(BodyCallSites.SiteCount));
        Assert.All(first.Skip(BodyCallSites.SiteCount), site => Assert.Equal(BodyCallSites.SiteCount, site));
    }

    [Fact]
    public void AKnownType_GetsItsSiteAgain()
    {
        var sites = new BodyCallSites();
        var first = DistinctTypes.Take(5).Select(sites.SiteOf).ToArray();

        var again = DistinctTypes.Take(5).Reverse().Select(sites.SiteOf).Reverse().ToArray();

        Assert.Equal(first, again);
        Assert.Equal(5, sites.SiteOf(DistinctTypes[5])); // the repeats took no site
    }

    [Fact]
    public void ThreadsRacingForFreeSites_AgreeOnEveryType_AndNoTwoTypesShareASite()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            var sites = new BodyCallSites();
            var types = DistinctTypes.Take(BodyCallSites.SiteCount).ToArray();
            const int Threads = 4;
            var seen = new int[Threads][];
            using var start = new Barrier(Threads);
            var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                var order = t % 2 == 0 ? types : types.Reverse().ToArray();
                start.SignalAndWait();
                var mine = order.Select(sites.SiteOf).ToArray();
                seen[t] = t % 2 == 0 ? mine : mine.Reverse().ToArray();
            })).ToArray();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            Assert.All(seen, s => Assert.Equal(seen[0], s));
            Assert.Equal(Enumerable.Range(0, BodyCallSites.SiteCount), seen[0].Order());
        }
    }

    [Fact]
    public void TheTypeKey_NamesTheType_NotTheObject()
    {
        var a = new List<int>();
        var b = new List<int>();
        var boxed = new StrongBox<int>(3);

        Assert.Equal(BodyCallSites.TypeKey(a), BodyCallSites.TypeKey(b));
        Assert.NotEqual(BodyCallSites.TypeKey(a), BodyCallSites.TypeKey(boxed));
        Assert.NotEqual(BodyCallSites.TypeKey(a), BodyCallSites.TypeKey(new List<long>()));
        Assert.Equal(typeof(List<int>).TypeHandle.Value, BodyCallSites.TypeKey(a));
        GC.Collect(); // objects move; the key is their type's
        Assert.Equal(BodyCallSites.TypeKey(a), BodyCallSites.TypeKey(b));
        Assert.Equal(typeof(List<int>).TypeHandle.Value, BodyCallSites.TypeKey(b));
    }

    [Fact]
    public void ACollectibleType_IsNotKept_AndGoesThroughTheSharedSite()
    {
        var sites = new BodyCallSites();
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BodyCallSitesTests.Collectible"), AssemblyBuilderAccess.RunAndCollect);
        var collectible = assembly.DefineDynamicModule("Module").DefineType("Body", TypeAttributes.Public).CreateType();
        Assert.True(collectible.IsCollectible);

        Assert.Equal(BodyCallSites.SiteCount, sites.SiteOf(collectible));
        Assert.Equal(0, sites.SiteOf(typeof(int))); // the collectible type took no site
    }

    [Fact]
    public void BodiesOfMoreTypesThanSites_RunAsWritten()
    {
        // Twenty body types, so that in any test order some go through own sites and some through the
        // shared one. Body k sleeps k, waits for a gate opened at 30, for a one-unit resource, holds it 1.
        var sim = new Simulator();
        var gate = new Event(sim);
        var server = new Resource(sim);
        var log = new List<string>();
        IEnumerable<Step> Serve(int k)
        {
            yield return sim.Delay(k);
            log.Add($"{sim.Now}: {k} at the gate");
            yield return gate;
            var request = server.Request();
            yield return request;
            log.Add($"{sim.Now}: {k} served");
            yield return sim.Delay(1);
            server.Release(request);
        }

        Func<IEnumerable<Step>>[] bodies =
        [
            Body0, Body1, Body2, Body3, Body4, Body5, Body6, Body7, Body8, Body9,
            Body10, Body11, Body12, Body13, Body14, Body15, Body16, Body17, Body18, Body19,
        ];
        IEnumerable<Step> Body0() { foreach (var s in Serve(0)) { yield return s; } }
        IEnumerable<Step> Body1() { foreach (var s in Serve(1)) { yield return s; } }
        IEnumerable<Step> Body2() { foreach (var s in Serve(2)) { yield return s; } }
        IEnumerable<Step> Body3() { foreach (var s in Serve(3)) { yield return s; } }
        IEnumerable<Step> Body4() { foreach (var s in Serve(4)) { yield return s; } }
        IEnumerable<Step> Body5() { foreach (var s in Serve(5)) { yield return s; } }
        IEnumerable<Step> Body6() { foreach (var s in Serve(6)) { yield return s; } }
        IEnumerable<Step> Body7() { foreach (var s in Serve(7)) { yield return s; } }
        IEnumerable<Step> Body8() { foreach (var s in Serve(8)) { yield return s; } }
        IEnumerable<Step> Body9() { foreach (var s in Serve(9)) { yield return s; } }
        IEnumerable<Step> Body10() { foreach (var s in Serve(10)) { yield return s; } }
        IEnumerable<Step> Body11() { foreach (var s in Serve(11)) { yield return s; } }
        IEnumerable<Step> Body12() { foreach (var s in Serve(12)) { yield return s; } }
        IEnumerable<Step> Body13() { foreach (var s in Serve(13)) { yield return s; } }
        IEnumerable<Step> Body14() { foreach (var s in Serve(14)) { yield return s; } }
        IEnumerable<Step> Body15() { foreach (var s in Serve(15)) { yield return s; } }
        IEnumerable<Step> Body16() { foreach (var s in Serve(16)) { yield return s; } }
        IEnumerable<Step> Body17() { foreach (var s in Serve(17)) { yield return s; } }
        IEnumerable<Step> Body18() { foreach (var s in Serve(18)) { yield return s; } }
        IEnumerable<Step> Body19() { foreach (var s in Serve(19)) { yield return s; } }

        var processes = bodies.Select(body => sim.Start(body())).ToArray();
        sim.Schedule(30, () => gate.Succeed());
        sim.Run();

        var expected = Enumerable.Range(0, 20).Select(k => $"{k}: {k} at the gate")
            .Concat(Enumerable.Range(0, 20).Select(k => $"{30 + k}: {k} served"));
        Assert.Equal(expected, log);
        Assert.All(processes, p => Assert.False(p.IsAlive));
        Assert.Equal(50, sim.Now);
    }
}
