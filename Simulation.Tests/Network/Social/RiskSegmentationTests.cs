using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Tests.Network.Social;

/// <summary>The segmentation part alone, on a supplier built by hand (no model, no run): its score by the formula and its segment.</summary>
public sealed class RiskSegmentationTests
{
    private static readonly SegmentationDefinition Thresholds = new() { HighThreshold = 0.6, MediumThreshold = 0.35 };

    [Fact]
    public void Score_follows_the_weighted_formula()
    {
        // 0.25 * (1 - 0.5) + 0.15 * (3 - 1) / 3 + 0.15 * 2/3 (small) + 0.25 * (1 - 0.4) + 0.20 * 1
        // = 0.125 + 0.1 + 0.1 + 0.15 + 0.2 = 0.675
        Assert.Equal(0.675, RiskSegmentation.RiskScore(0.5, 3, SizeClass.Small, 0.4, 1), 12);
        Assert.Equal(0.25 * 0.5, RiskSegmentation.RiskScore(1, 1, SizeClass.Large, 0.5, 0), 12);
    }

    [Fact]
    public void Update_sets_score_and_segment_from_the_suppliers_state()
    {
        var node = new Node(0, new NodeDefinition
        {
            Id = "farm",
            Role = NodeRole.Supplier,
            Tier = 4,
            RegionId = "r",
            ProductId = "p",
            Stock = new StockDefinition { ProductId = "p" },
            Size = SizeClass.Micro,
        }, region: 0);

        // No inspections (enforcement 0), tier 4 (1), micro (1), capability 0.2, detected 100 days ago:
        // 0.25 + 0.15 + 0.15 + 0.25 * 0.8 + 0.2 = 0.95 -> high. A year and a day later the history term is gone: 0.75, still high.
        var supplier = new SupplierSocial(node, capability: 0.2) { LastDetectionAt = 0 };
        var segmentation = new RiskSegmentation(Thresholds);

        segmentation.Update(supplier, now: 100);
        Assert.Equal(0.95, supplier.RiskScore, 12);
        Assert.Equal(RiskSegment.High, supplier.Segment);

        supplier.Capability = 1;
        segmentation.Update(supplier, now: 366);
        Assert.Equal(0.55, supplier.RiskScore, 12); // 0.25 + 0.15 + 0.15 + 0 + 0
        Assert.Equal(RiskSegment.Medium, supplier.Segment);
    }
}
