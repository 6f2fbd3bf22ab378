using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data.Configurations;

internal sealed class RegistryImportFileConfiguration : IEntityTypeConfiguration<RegistryImportFile>
{
    public void Configure(EntityTypeBuilder<RegistryImportFile> file)
    {
        file.ToTable("registry_import_files");
        file.HasKey(f => f.ImportId);
        file.HasOne<RegistryImport>().WithOne().HasForeignKey<RegistryImportFile>(f => f.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
