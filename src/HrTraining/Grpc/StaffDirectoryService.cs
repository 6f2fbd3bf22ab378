using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining.Grpc;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Grpc;

/// <summary>"Who is certified and on duty for this trade or post in this estate, now", for other services.</summary>
public sealed class StaffDirectoryService(HrTrainingDbContext db, IEstateCalendars calendars, TimeProvider time) : StaffDirectory.StaffDirectoryBase
{
    public override async Task<OnDutyStaff> ListOnDuty(OnDutyQuery request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.EstateId, out var estateId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "estate_id must be a UUID."));
        }

        var duty = ParseDuty(request);
        var calendar = await calendars.GetAsync(estateId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Estate {estateId} is not known to hr-training."));
        var now = time.GetUtcNow();
        var today = calendar.LocalDay(now);

        // A night shift that started yesterday is still on; the certification is judged on today's local day.
        var onDuty = await db.Shifts.AsNoTracking()
            .Where(s => s.EstateId == estateId && s.Kind == duty.Kind && s.Name == duty.Name && s.PublishedAt != null && s.StartsAt <= now && now < s.EndsAt)
            .Join(db.Staff, s => s.StaffId, p => p.Id, (s, p) => new { Shift = s, Person = p })
            .Where(x => x.Person.Status == EmploymentStatus.Active && x.Person.EstateIds.Contains(estateId))
            .Join(
                db.Certifications.Where(c => c.EstateId == estateId && c.Kind == duty.Kind && c.Name == duty.Name && c.RevokedAt == null
                    && c.ValidFrom <= today && c.ValidUntil >= today),
                x => x.Shift.StaffId, c => c.StaffId, (x, c) => new { x.Shift, x.Person.DisplayName, c.ValidUntil })
            .OrderBy(x => x.DisplayName).ThenBy(x => x.Shift.StartsAt)
            .ToListAsync(context.CancellationToken);

        var response = new OnDutyStaff();
        response.Staff.AddRange(onDuty.Select(x => new OnDutyPerson
        {
            StaffId = x.Shift.StaffId.ToString(),
            DisplayName = x.DisplayName,
            Shift = x.Shift.Shift,
            StartsAt = Timestamp.FromDateTimeOffset(x.Shift.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(x.Shift.EndsAt),
            CertifiedUntil = x.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        return response;
    }

    private static Duty ParseDuty(OnDutyQuery request)
    {
        var trade = request.Trade.Trim();
        var post = request.Post.Trim();
        if ((trade.Length == 0) == (post.Length == 0))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Give exactly one of trade and post."));
        }

        if (trade.Length > 0 && !PlatformTrades.All.Contains(trade))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"trade must be one of: {string.Join(", ", PlatformTrades.All)}."));
        }

        return trade.Length > 0 ? Duty.Trade(trade) : Duty.Post(post);
    }
}
