using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class MessageReplyConfiguration : IEntityTypeConfiguration<MessageReply>
{
    public void Configure(EntityTypeBuilder<MessageReply> reply)
    {
        reply.ToTable("message_replies");
        reply.HasKey(r => r.Id);
        reply.Property(r => r.From).HasConversion<string>().HasMaxLength(32);
        reply.Property(r => r.Body).HasMaxLength(4000);
        reply.Property(r => r.Author).HasMaxLength(200);
        reply.Property(r => r.AuthorName).HasMaxLength(200);
        reply.HasOne<OwnerMessage>().WithMany().HasForeignKey(r => r.MessageId);
        // A thread's replies, newest first.
        reply.HasIndex(r => new { r.MessageId, r.PostedAt, r.Id });
        // Work summaries: messages answered, per estate and per clerk.
        reply.HasIndex(r => new { r.EstateId, r.PostedAt });
        reply.HasIndex(r => new { r.Author, r.PostedAt });
    }
}
