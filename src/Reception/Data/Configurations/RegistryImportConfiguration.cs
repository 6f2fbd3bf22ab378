using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class RegistryImportConfiguration : IEntityTypeConfiguration<RegistryImport>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<RegistryImport> import)
    {
        import.ToTable("registry_imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.FileName).HasMaxLength(260);
        import.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        import.Property(i => i.RequestedBy).HasMaxLength(200);
        // The errors are read and written whole, with the import: one jsonb document.
        import.Property(i => i.Errors)
            .HasColumnType("jsonb")
            .HasConversion(
                errors => JsonSerializer.Serialize(errors, Json),
                json => JsonSerializer.Deserialize<List<RowError>>(json, Json) ?? new List<RowError>(),
                new ValueComparer<List<RowError>>(
                    (a, b) => a!.SequenceEqual(b!),
                    errors => errors.Aggregate(0, (hash, e) => HashCode.Combine(hash, e)),
                    errors => errors.ToList()));
        import.HasOne<Estate>().WithMany().HasForeignKey(i => i.EstateId);
        // An estate's imports, newest first.
        import.HasIndex(i => new { i.EstateId, i.RequestedAt, i.Id });
        // The worker's queue: what is waiting or running.
        import.HasIndex(i => new { i.Status, i.RequestedAt }).HasFilter("status IN ('Queued', 'Running')");
    }
}
