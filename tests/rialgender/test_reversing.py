"""reverse() once for a list of objects (rialgender.reversing.url_template)."""

import pytest
from django.urls import reverse
from django.utils import translation

from rialgender.reversing import SAMPLE_NAME, SAMPLE_PK, url_template


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_template_gives_what_reverse_gives(language):
    with translation.override(language):
        detail = url_template("docs_center:resource-detail", pk=SAMPLE_PK)
        assert detail.format(pk=42) == reverse("docs_center:resource-detail", kwargs={"pk": 42})
        file = url_template(
            "protected-file", label="docs_center.resourcefile", pk=SAMPLE_PK, field="file",
            name=SAMPLE_NAME,
        )  # fmt: skip
        assert file.format(pk=7, name="guia.pdf") == reverse(
            "protected-file",
            kwargs={"label": "docs_center.resourcefile", "pk": 7, "field": "file", "name": "guia.pdf"},
        )  # fmt: skip


def test_a_sample_that_cannot_be_found_once_is_refused():
    with pytest.raises(ValueError, match="one argument only"):
        url_template(
            "protected-file", label="docs_center.resourcefile", pk=SAMPLE_PK, field="file",
            name=SAMPLE_PK,
        )  # fmt: skip
