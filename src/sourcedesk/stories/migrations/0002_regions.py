"""Province-level regions: North Korea's provinces and special cities, and the Chinese border
provinces and the routes defectors take. Nothing finer than a province is ever a region."""

from django.db import migrations

REGIONS = [
    ("pyongyang", "평양", "Pyongyang", "kp"),
    ("rason", "라선", "Rason", "kp"),
    ("nampo", "남포", "Nampo", "kp"),
    ("kaesong", "개성", "Kaesong", "kp"),
    ("south-pyongan", "평안남도", "South Pyongan", "kp"),
    ("north-pyongan", "평안북도", "North Pyongan", "kp"),
    ("chagang", "자강도", "Chagang", "kp"),
    ("south-hwanghae", "황해남도", "South Hwanghae", "kp"),
    ("north-hwanghae", "황해북도", "North Hwanghae", "kp"),
    ("kangwon", "강원도", "Kangwon", "kp"),
    ("south-hamgyong", "함경남도", "South Hamgyong", "kp"),
    ("north-hamgyong", "함경북도", "North Hamgyong", "kp"),
    ("ryanggang", "양강도", "Ryanggang", "kp"),
    ("liaoning", "랴오닝성", "Liaoning", "cn"),
    ("jilin", "지린성", "Jilin", "cn"),
    ("heilongjiang", "헤이룽장성", "Heilongjiang", "cn"),
    ("yunnan", "윈난성", "Yunnan", "cn"),
    ("south-korea", "한국", "South Korea", "kr"),
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("stories", "Region")
    for slug, name_ko, name_en, country in REGIONS:
        Region.objects.get_or_create(slug=slug, defaults={"name_ko": name_ko, "name_en": name_en, "country": country})


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
