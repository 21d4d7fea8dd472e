using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Checks the data-annotation rules a body's type carries (<see cref="Validator"/>), with each
/// problem under the field's JSON name, and those of the objects in its lists, by index.
/// </summary>
internal static class BodyRules
{
    public static void Check(object value, string at, ValidationErrors errors)
    {
        var type = JsonBodyOptions.Options.GetTypeInfo(value.GetType());
        var jsonNames = type.Properties.ToDictionary(property => ((System.Reflection.MemberInfo)property.AttributeProvider!).Name, property => property.Name);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(at + jsonNames.GetValueOrDefault(member, "body"), result.ErrorMessage ?? "Not valid.");
            }
        }

        foreach (var property in type.Properties.Where(property => property.Get is not null))
        {
            if (property.Get!(value) is System.Collections.IEnumerable list and not string)
            {
                var index = 0;
                foreach (var item in list)
                {
                    if (item is not null && JsonBodyOptions.Options.GetTypeInfo(item.GetType()).Kind == JsonTypeInfoKind.Object)
                    {
                        Check(item, $"{at}{property.Name}[{index}].", errors);
                    }

                    index++;
                }
            }
        }
    }
}
