using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>A trade certification was granted: the person may be dispatched for the trade (when on duty).</summary>
public sealed class CertificationGrantedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<CertificationGranted, MaintenanceDbContext>(db, time)
{
    protected override Task HandleAsync(CertificationGranted m, CancellationToken cancellationToken) =>
        CertificationReadModel.ApplyAsync(Db, m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.OccurredAt, CertificationState.Valid, m.ValidUntil, null, Time, cancellationToken);
}

/// <summary>Renewed: valid to the new day, and back on dispatch if it had expired.</summary>
public sealed class CertificationRenewedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<CertificationRenewed, MaintenanceDbContext>(db, time)
{
    protected override Task HandleAsync(CertificationRenewed m, CancellationToken cancellationToken) =>
        CertificationReadModel.ApplyAsync(Db, m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.OccurredAt, CertificationState.Valid, m.ValidUntil, null, Time, cancellationToken);
}

/// <summary>Expired: off dispatch for the trade at once, and the person's open orders of the trade flagged for re-dispatch.</summary>
public sealed class CertificationExpiredConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<CertificationExpired, MaintenanceDbContext>(db, time)
{
    protected override Task HandleAsync(CertificationExpired m, CancellationToken cancellationToken) =>
        CertificationReadModel.ApplyAsync(Db, m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.OccurredAt, CertificationState.Expired, m.ValidUntil, null, Time, cancellationToken);
}

/// <summary>Revoked: as expired.</summary>
public sealed class CertificationRevokedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<CertificationRevoked, MaintenanceDbContext>(db, time)
{
    protected override Task HandleAsync(CertificationRevoked m, CancellationToken cancellationToken) =>
        CertificationReadModel.ApplyAsync(Db, m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.OccurredAt, CertificationState.Revoked, m.ValidUntil, m.Reason, Time, cancellationToken);
}

internal static class CertificationReadModel
{
    /// <summary>
    /// Applies one certification event newest-wins; a post certification (no trade) is security-gate's and ignored. When the
    /// newest state takes the person off the trade, their open orders of it are flagged for re-dispatch.
    /// </summary>
    public static async Task ApplyAsync(
        MaintenanceDbContext db, Guid certificationId, Guid estateId, Guid staffId, string? tradeName, DateTimeOffset occurredAt,
        CertificationState state, DateOnly validUntil, string? reason, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Trades.Normalize(tradeName) is not { } trade)
        {
            return;
        }

        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.CertificationId == certificationId, cancellationToken);
        if (certification is null)
        {
            certification = TradeCertification.Unknown(certificationId, estateId, staffId, trade);
            db.Certifications.Add(certification);
        }

        if (certification.Apply(occurredAt, state, validUntil, reason) && state != CertificationState.Valid)
        {
            await StaffReadModel.FlagOpenWorkOrdersAsync(db, staffId, trade,
                $"The technician's {trade} certification was {state.ToString().ToLowerInvariant()}{(reason is null ? "" : $": {reason}")}.",
                time.GetUtcNow(), cancellationToken);
        }
    }
}
