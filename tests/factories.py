import factory

from roles import models


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source
        django_get_or_create = ("code",)

    code = "test"
    title = "Test source"
    kind = "article"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Role

    slug = factory.Sequence(lambda n: f"test-role-{n}")
    title = factory.Sequence(lambda n: f"Test Role {n}")
    summary = "A role made for a test."
    what_they_do = ["They do test things."]
    work_environment = ["An office."]
    conclusion = ["The end."]
    source = factory.SubFactory(SourceFactory)


class RoadmapStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RoadmapStep

    role = factory.SubFactory(RoleFactory)
    key = factory.Sequence(lambda n: f"step-key-{n}")
    number = factory.Sequence(lambda n: n + 100)
    title = factory.Sequence(lambda n: f"Extra step {n}")
    body = ["First sentence. Second sentence."]
    source = factory.SubFactory(SourceFactory)


class FaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Faq

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 100)
    question = factory.Sequence(lambda n: f"Extra question {n}?")
    answer = ["An answer."]
    source = factory.SubFactory(SourceFactory)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Skill

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 100)
    name = factory.Sequence(lambda n: f"Extra skill {n}")
    description = "A skill."
    source = factory.SubFactory(SourceFactory)


class SalaryLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SalaryLevel

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 100)
    title = factory.Sequence(lambda n: f"Extra level {n}")
    low = 10_000
    high = 20_000
    description = "A level."
    source = factory.SubFactory(SourceFactory)
