using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// What the material and cash side asks of the social side, from the moment the model is built: the
/// supply-chain finance hook of payments, the import-ban hook of deliveries, the social columns of a
/// time-series row, the warm-up copy and the social KPIs. The social parts themselves
/// (<see cref="SocialMechanisms"/>) are built when the run starts, after every part they book to;
/// without a social section there are none and the social KPIs are those of
/// <see cref="SocialBookkeeping.CollectWithout"/>.
/// </summary>
internal sealed class SocialHooks(Simulator sim, double horizon, double warmup, Node[] suppliers)
    : ISocialBookkeeping, ISupplyChainFinance, IDetentions
{
    private SocialMechanisms? _parts;
    private SocialTotals _atWarmup;

    /// <summary>Takes the social parts of this run and draws their day 0.</summary>
    public void Start(SocialMechanisms parts)
    {
        _parts = parts;
        parts.Start();
    }

    /// <summary>The social part of the end of day <paramref name="day"/>.</summary>
    public void DayEnd(int day) => _parts?.DayEnd(day);

    /// <inheritdoc/>
    void ISocialBookkeeping.AtWarmupEnd(double now)
    {
        if (_parts is not null)
        {
            _atWarmup = _parts.AtWarmupEnd(now);
        }
    }

    /// <inheritdoc/>
    void ISocialBookkeeping.Sample(double[][] columns, int row, double day) => _parts?.Sample(columns, row, day);

    /// <inheritdoc/>
    void ISocialBookkeeping.Collect(double[] kpis)
    {
        if (_parts is null)
        {
            SocialBookkeeping.CollectWithout(kpis, suppliers);
        }
        else
        {
            _parts.Collect(kpis, _atWarmup, horizon, warmup);
        }
    }

    /// <inheritdoc/>
    double ISocialBookkeeping.OwnExposureDays(Node n) =>
        n.Social is { } s ? s.Exposure.AreaAt(horizon) - s.ExposureAtWarmup : 0;

    /// <inheritdoc/>
    void ISupplyChainFinance.Apply(Node payer, Node payee, ref double termsDays, ref double amount) =>
        _parts?.ApplyFinance(payer, payee, sim.Now, ref termsDays, ref amount);

    /// <inheritdoc/>
    bool IDetentions.IsDetained(Node customer, Node supplier, double quantity) => _parts!.IsDetained(customer, supplier, quantity);
}
