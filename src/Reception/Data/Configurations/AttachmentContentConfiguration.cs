using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

/// <summary>
/// Photo bytes in a bytea column of their own table: at most 5 MB each, PostgreSQL keeps them out of line (TOAST), in
/// the same transaction and backup as the request, and deleting the attachment row deletes them (no orphaned large
/// objects to unlink).
/// </summary>
internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> content)
    {
        content.ToTable("attachment_contents");
        content.HasKey(c => c.AttachmentId);
        content.Property(c => c.Data).HasColumnType("bytea");
        content.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
