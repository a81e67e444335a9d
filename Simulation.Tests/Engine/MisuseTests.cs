using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>Every misuse the kernel detects: the exception type and the phrase that tells the user what was wrong.</summary>
public sealed class MisuseTests
{
    public static TheoryData<double> BadDelays => new() { -1, -1e-9, double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(BadDelays))]
    public void Delay_NegativeNaNOrInfinite_IsRejected(double delay)
    {
        var sim = new Simulator();

        AssertThrows<ArgumentOutOfRangeException>(() => sim.Delay(delay), "Cannot schedule into the past");
    }

    [Theory]
    [MemberData(nameof(BadDelays))]
    public void Timeout_NegativeNaNOrInfinite_IsRejected(double delay)
    {
        var sim = new Simulator();

        AssertThrows<ArgumentOutOfRangeException>(() => sim.Timeout(delay), "Cannot schedule into the past");
        Assert.Equal(0, sim.ScheduledCount);
    }

    [Theory]
    [MemberData(nameof(BadDelays))]
    public void Schedule_NegativeNaNOrInfinite_IsRejected(double delay)
    {
        var sim = new Simulator();

        AssertThrows<ArgumentOutOfRangeException>(() => sim.Schedule(delay, () => { }), "Cannot schedule into the past");
        Assert.Equal(0, sim.ScheduledCount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(EventPriority.Max + 1)]
    [InlineData(int.MinValue)]
    public void Schedule_PriorityOutOfRange_IsRejected(int priority)
    {
        var sim = new Simulator();

        AssertThrows<ArgumentOutOfRangeException>(() => sim.Schedule(1, () => { }, priority), "Priority must be between 0 and 32767");
    }

    [Fact]
    public void Succeed_PriorityOutOfRange_IsRejected()
    {
        var sim = new Simulator();
        var e = new Event(sim);

        AssertThrows<ArgumentOutOfRangeException>(() => e.Succeed(-5), "Priority must be between 0 and 32767");
    }

    [Fact]
    public void Succeed_PriorityOutOfRange_LeavesTheEventPending()
    {
        // A rejected call should not change the event: it must still be possible to trigger it.
        var sim = new Simulator();
        var e = new Event(sim);

        Assert.Throws<ArgumentOutOfRangeException>(() => e.Succeed(EventPriority.Max + 1));

        Assert.False(e.IsTriggered);
        e.Succeed();
        sim.Run();
        Assert.True(e.IsProcessed);
    }

    [Fact]
    public void RunUntil_BeforeNow_IsRejected()
    {
        var sim = new Simulator();
        sim.Run(10);

        var error = AssertThrows<InvalidOperationException>(() => sim.Run(9.5), "time does not go backwards");
        Assert.Contains("9.5", error.Message, StringComparison.Ordinal);
        AssertThrows<InvalidOperationException>(() => sim.Run(double.NaN), "Cannot run until time NaN");
        Assert.Equal(10, sim.Now);
    }

    [Fact]
    public void Simulator_NonFiniteStartTime_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulator(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulator(double.PositiveInfinity));
    }

    [Fact]
    public void Succeed_Twice_IsRejected()
    {
        var sim = new Simulator();
        var e = new Event(sim);
        e.Succeed();

        AssertThrows<InvalidOperationException>(() => e.Succeed(), "has already been triggered");
        AssertThrows<InvalidOperationException>(() => e.Fail(new InvalidOperationException("x")), "has already been triggered");
        Assert.True(e.IsOk);
    }

    [Fact]
    public void Succeed_OnATimeout_IsRejected()
    {
        var sim = new Simulator();

        AssertThrows<InvalidOperationException>(() => sim.Timeout(1).Succeed(), "Timeout(1) has already been triggered");
    }

    [Fact]
    public void EventOfT_SucceedTwice_IsRejected_AndKeepsTheFirstValue()
    {
        var sim = new Simulator();
        var price = new Event<int>(sim);
        price.Succeed(10);

        AssertThrows<InvalidOperationException>(() => price.Succeed(99), "has already been triggered");

        sim.Run();
        Assert.Equal(10, price.Value);
    }

    [Fact]
    public void YieldingNull_IsRejected_NamingTheProcess()
    {
        var sim = new Simulator();

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(1);
            Event? nothing = null;
            yield return nothing!;
        }

        sim.Start(Body(), "sloppy");

        var error = AssertThrows<InvalidOperationException>(() => sim.Run(), "yielded a null event or default(Step)");
        Assert.Contains("Process(sloppy)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YieldingDefaultStep_IsRejected_NamingTheProcess()
    {
        var sim = new Simulator();

        IEnumerable<Step> Body()
        {
            yield return default;
        }

        sim.Start(Body(), "sloppy");

        var error = AssertThrows<InvalidOperationException>(() => sim.Run(), "yielded a null event or default(Step)");
        Assert.Contains("Process(sloppy)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_Twice_IsRejected()
    {
        var sim = new Simulator();
        var desk = new Resource(sim, name: "desk");
        var request = desk.Request();
        sim.Run();
        desk.Release(request);

        AssertThrows<InvalidOperationException>(() => desk.Release(request), "does not hold the resource");
        Assert.Equal(0, desk.InUse);
    }

    [Fact]
    public void Release_OfARequestOfAnotherResource_IsRejected()
    {
        var sim = new Simulator();
        var desk = new Resource(sim, name: "desk");
        var phone = new Resource(sim, name: "phone");
        var request = phone.Request();

        var error = AssertThrows<InvalidOperationException>(() => desk.Release(request), "made on another resource");
        Assert.Contains("desk", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, phone.InUse);
    }

    [Fact]
    public void Release_Null_IsRejected()
    {
        var sim = new Simulator();
        var desk = new Resource(sim);

        Assert.Throws<ArgumentNullException>(() => desk.Release(null!));
    }

    [Fact]
    public void Interrupt_OfAFinishedProcess_IsRejected()
    {
        var sim = new Simulator();
        var done = sim.Start(Empty(), "done");
        sim.Run();

        AssertThrows<InvalidOperationException>(() => done.Interrupt(), "Process(done) has finished");
    }

    [Fact]
    public void Interrupt_OfItself_IsRejected()
    {
        var sim = new Simulator();
        Exception? error = null;

        IEnumerable<Step> Body()
        {
            error = Record.Exception(() => sim.ActiveProcess!.Interrupt());
            yield break;
        }

        sim.Start(Body(), "narcissus");
        sim.Run();

        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Process(narcissus) tried to interrupt itself", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedEvent_WithNobodyWaiting_MakesRunThrowWithTheFailuresMessage()
    {
        var sim = new Simulator();
        var e = new Event(sim);
        var cause = new InvalidOperationException("supplier bankrupt");
        sim.Schedule(3, () => e.Fail(cause));

        var error = AssertThrows<InvalidOperationException>(() => sim.Run(), "supplier bankrupt");

        Assert.Contains("nothing was waiting", error.Message, StringComparison.Ordinal);
        Assert.Same(cause, error.InnerException);
        Assert.Equal(3, sim.Now);
    }

    [Fact]
    public void Condition_OverAnEventOfAnotherSimulation_IsRejected()
    {
        var sim = new Simulator();
        var other = new Simulator();

        AssertThrows<InvalidOperationException>(() => sim.AllOf(sim.Timeout(1), other.Timeout(1)), "belongs to another simulation");
    }

    [Fact]
    public void Capacities_ZeroOrNegative_AreRejected()
    {
        var sim = new Simulator();
        const string phrase = "must be > 0";

        AssertThrows<ArgumentOutOfRangeException>(() => new Resource(sim, 0), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new PriorityResource(sim, -1), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new PreemptiveResource(sim, 0), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new Store<int>(sim, 0), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new FilterStore<int>(sim, -3), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new Container(sim, 0), phrase);
        AssertThrows<ArgumentOutOfRangeException>(() => new Container(sim, double.NaN), phrase);
    }

    [Fact]
    public void Container_AmountAboveCapacity_IsRejected()
    {
        var sim = new Simulator();
        var tank = new Container(sim, capacity: 10, name: "tank");

        AssertThrows<ArgumentOutOfRangeException>(() => tank.Put(11), "exceeds the capacity 10");
        AssertThrows<ArgumentOutOfRangeException>(() => tank.Get(10.5), "exceeds the capacity 10");
        Assert.Equal(0, tank.Level);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Container_AmountNotPositiveAndFinite_IsRejected(double amount)
    {
        var sim = new Simulator();
        var tank = new Container(sim);

        AssertThrows<ArgumentOutOfRangeException>(() => tank.Put(amount), "must be a finite number > 0");
        AssertThrows<ArgumentOutOfRangeException>(() => tank.Get(amount), "must be a finite number > 0");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(double.NaN)]
    public void Container_InitialLevelOutsideZeroToCapacity_IsRejected(double level)
    {
        var sim = new Simulator();

        AssertThrows<ArgumentOutOfRangeException>(() => new Container(sim, 10, level), "initial level");
    }

    private static T AssertThrows<T>(Action action, string phrase)
        where T : Exception
    {
        var error = Assert.Throws<T>(action);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static T AssertThrows<T>(Func<object?> action, string phrase)
        where T : Exception
    {
        var error = Assert.Throws<T>(action);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static IEnumerable<Step> Empty()
    {
        yield break;
    }
}
