using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.HrTraining.Features.Staff;

/// <summary>
/// Whom hr-training tells about something in an estate: the people employed there whose position is a role (the estate
/// manager, the trainer who is HR). The employment file is the only place that knows who holds a position in an estate;
/// identity holds roles, not estates' office holders.
/// </summary>
internal static class StaffRecipients
{
    /// <summary>The staff ids of the active people working in <paramref name="estateId"/> whose position holds one of <paramref name="roles"/>.</summary>
    public static async Task<List<Guid>> HoldingAsync(HrTrainingDbContext db, Guid estateId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        (await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateIds.Contains(estateId) && s.Status == EmploymentStatus.Active)
            .Select(s => new { s.Id, s.Position })
            .ToListAsync(cancellationToken))
        .Where(s => roles.Any(role => KnownStaffMember.PositionHolds(s.Position, role))).Select(s => s.Id).ToList();
}
