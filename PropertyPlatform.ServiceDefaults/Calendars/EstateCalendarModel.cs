using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace PropertyPlatform.ServiceDefaults.Calendars;

public static class EstateCalendarModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The <c>estate_calendars</c> table of the local read model; call it before <c>ApplyEstateScope</c>.</summary>
    public static ModelBuilder AddEstateCalendars(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownEstateCalendar>(calendar =>
        {
            calendar.ToTable("estate_calendars");
            calendar.HasKey(c => c.EstateId);
            calendar.Property(c => c.Name).HasMaxLength(200);
            calendar.Property(c => c.TimeZoneId).HasMaxLength(64);
            calendar.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
            // Two events of one estate applied at once: the second to commit fails and is retried against the first.
            calendar.Property(c => c.AsOf).IsConcurrencyToken();
            // Read and written whole, with the calendar: one jsonb document.
            calendar.Property(c => c.WorkingDays)
                .HasColumnType("jsonb")
                .HasConversion(
                    days => JsonSerializer.Serialize(days, Json),
                    json => JsonSerializer.Deserialize<List<KnownWorkingDay>>(json, Json) ?? new List<KnownWorkingDay>(),
                    new ValueComparer<List<KnownWorkingDay>>(
                        (a, b) => a!.SequenceEqual(b!),
                        days => days.Aggregate(0, (hash, d) => HashCode.Combine(hash, d)),
                        days => days.ToList()));
        });
        return modelBuilder;
    }
}
