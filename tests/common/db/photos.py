import io

import factory
from django.core.files.images import ImageFile
from PIL import Image

from newsdesk.photos.models import Photo


def image_file(name: str = "photo.jpg", size=(640, 400), colour=(120, 40, 40)) -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return ImageFile(buffer, name=name)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(image_file)
    alt_text = factory.Sequence(lambda n: f"Description of photo {n} for screen readers")
    caption = factory.Sequence(lambda n: f"Caption of photo {n}, in the town square, February 11.")
    credit = "Jane Doe/AFP"
