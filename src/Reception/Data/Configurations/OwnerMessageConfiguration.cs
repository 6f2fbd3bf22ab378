using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class OwnerMessageConfiguration : IEntityTypeConfiguration<OwnerMessage>
{
    public void Configure(EntityTypeBuilder<OwnerMessage> message)
    {
        message.ToTable("owner_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.UnitId).IsRequired();
        message.Property(m => m.Subject).HasMaxLength(200);
        message.Property(m => m.Body).HasMaxLength(4000);
        message.Property(m => m.WrittenBy).HasMaxLength(200);
        message.Property(m => m.WriterName).HasMaxLength(200);
        message.Property(m => m.Version).IsRowVersion();
        message.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId);
        message.OwnsOne(m => m.Answering, answering =>
        {
            answering.Property(c => c.Policy).HasMaxLength(64);
            answering.HasIndex(c => c.NextCheckAt).HasFilter("answering_next_check_at IS NOT NULL");
        });
        // The desk's list of an estate's messages, and an owner's own threads, newest first.
        message.HasIndex(m => new { m.EstateId, m.WrittenAt, m.Id });
        message.HasIndex(m => new { m.WrittenBy, m.WrittenAt, m.Id });
        // What the desk still owes an answer.
        message.HasIndex(m => new { m.EstateId, m.WrittenAt, m.Id }).HasFilter("awaiting_reply").HasDatabaseName("ix_owner_messages_awaiting_reply");
    }
}
