using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Data.Configurations;

internal sealed class PaymentNoticeConfiguration : IEntityTypeConfiguration<PaymentNotice>
{
    public void Configure(EntityTypeBuilder<PaymentNotice> notice)
    {
        notice.ToTable("payment_notices");
        notice.HasKey(n => n.Id);
        notice.Property(n => n.Id).ValueGeneratedNever();
        notice.Property(n => n.Total).HasPrecision(18, 4);
        notice.Property(n => n.Currency).HasMaxLength(3);
        notice.Property(n => n.DeliveryStatus).HasMaxLength(16);
        notice.Property(n => n.IssuedBy).HasMaxLength(200);
        notice.OwnsMany(n => n.Lines, lines => lines.ToJson());
        notice.OwnsMany(n => n.Deliveries, deliveries => deliveries.ToJson());
        // Reception's delivery reports find their notice by the request they answer.
        notice.HasIndex(n => n.NotificationEventId);
        // One notice per owner and month, however often issuing is asked for.
        notice.HasIndex(n => new { n.EstateId, n.Period, n.OwnerId }).IsUnique();
    }
}
