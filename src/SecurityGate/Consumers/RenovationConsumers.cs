using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.SecurityGate.Consumers;

/// <summary>Reception approved renovation works: the contractor's workers get passes for the planned days.</summary>
public sealed class RenovationPermitApprovedConsumer(SecurityGateDbContext db, TimeProvider time)
    : IdempotentConsumer<RenovationPermitApproved, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(RenovationPermitApproved m, CancellationToken cancellationToken)
    {
        var site = await RenovationSites.FindOrAddAsync(Db, m.PermitId, m.EstateId, m.UnitId, cancellationToken);
        site.Approved(m.Contractor, m.Workers, m.PlannedStart, m.PlannedEnd);
    }
}

/// <summary>The works were accepted: the workers' passes end (even if this overtook the approval).</summary>
public sealed class RenovationAcceptedConsumer(SecurityGateDbContext db, TimeProvider time)
    : IdempotentConsumer<RenovationAccepted, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(RenovationAccepted m, CancellationToken cancellationToken)
    {
        var site = await RenovationSites.FindOrAddAsync(Db, m.PermitId, m.EstateId, m.UnitId, cancellationToken);
        site.Accepted(m.OccurredAt);
    }
}

internal static class RenovationSites
{
    public static async Task<RenovationSite> FindOrAddAsync(SecurityGateDbContext db, Guid permitId, Guid estateId, Guid unitId, CancellationToken cancellationToken)
    {
        var site = await db.RenovationSites.SingleOrDefaultAsync(s => s.PermitId == permitId, cancellationToken);
        if (site is null)
        {
            site = RenovationSite.Unknown(permitId, estateId, unitId);
            db.RenovationSites.Add(site);
        }

        return site;
    }
}
