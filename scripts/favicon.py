"""Write dashboard/assets/favicon.ico: 16x16, the government's blue beside a contested
grey, split by a dark front line (Dash's own icon is 4.7 KB and the page asks for it
twice; this one is a few hundred bytes). Run: .venv/bin/python scripts/favicon.py"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "dashboard" / "assets" / "favicon.ico"

image = Image.new("RGBA", (16, 16), (0, 114, 178, 255))  # #0072B2, theatre.yaml
draw = ImageDraw.Draw(image)
draw.polygon([(9, 0), (16, 0), (16, 16), (6, 16)], fill=(170, 170, 170, 255))
draw.line([(9, 0), (6, 16)], fill=(20, 20, 20, 255), width=2)
image.save(OUT, format="ICO", sizes=[(16, 16)])
print(OUT, OUT.stat().st_size, "bytes")
