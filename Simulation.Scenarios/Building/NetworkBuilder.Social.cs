using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Reading;

namespace Simulation.Scenarios.Building;

/// <summary>The references of the <c>social</c> section and of alert filters: buyers that are buyers, suppliers that are suppliers, regions that exist.</summary>
internal sealed partial class NetworkBuilder
{
    private void CheckSocialReferences()
    {
        IEnumerable<SocialReference> references = _spec.Social is { } social
            ? social.References.Concat(_spec.AlertReferences)
            : _spec.AlertReferences;
        var markets = new SortedSet<string>(Nodes.SelectMany(n => n.Definition.Markets), StringComparer.Ordinal);
        foreach (SocialReference reference in references)
        {
            switch (reference.Kind)
            {
                case SocialReferenceKind.Market:
                    if (!markets.Contains(reference.Id))
                    {
                        _errors.UnknownReference(reference.Node, reference.Path, "market", reference.Id, markets);
                    }

                    break;
                case SocialReferenceKind.Region:
                    if (!_regions.ContainsKey(reference.Id))
                    {
                        _errors.UnknownReference(reference.Node, reference.Path, "region", reference.Id, _regions.Keys);
                    }

                    break;
                case SocialReferenceKind.Buyer:
                    CheckRole(reference, NodeRole.Buyer, "buyer");
                    break;
                case SocialReferenceKind.Supplier:
                default:
                    CheckRole(reference, NodeRole.Supplier, "supplier");
                    break;
            }
        }
    }

    private void CheckRole(SocialReference reference, NodeRole role, string kind)
    {
        if (!_nodeIndex.TryGetValue(reference.Id, out int index))
        {
            if (role == NodeRole.Supplier && MayBeUnreadSupplier(reference.Id))
            {
                return;
            }

            _errors.UnknownReference(
                reference.Node,
                reference.Path,
                kind,
                reference.Id,
                Nodes.Where(n => n.Definition.Role == role).Select(n => n.Definition.Id));
        }
        else if (Nodes[index].Definition.Role != role)
        {
            _errors.Inconsistent(reference.Node, reference.Path, "'" + reference.Id + "' is not a " + kind);
        }
    }
}
