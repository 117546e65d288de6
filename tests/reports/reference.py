"""What the reference report (湘东区妇联's real 2021 report) says, for the tests that check
the compiled demo report against it."""

# Every figure of the reference report, in reading order.
REFERENCE_FIGURES = [
    "3户", "1户", "3户", "1户", "15户", "120名", "15场", "近3000人",
    "1名", "1个", "1个", "6人", "2个", "16人",
    "15件",
    "21名", "6名", "27万元", "34.5万余元", "496桶", "2007桶", "1名", "200名", "50名",
    "7期", "400余名",
]  # fmt: skip

# The headings of its five plan items, in order.
PLAN_HEADINGS = [
    "传好音，在推动思想引领上求突破",
    "鼓好风，在推动家庭家教上求突破",
    "铺好路，在推动建功立业上求突破",
    "搭好台，在推动维权服务上求突破",
    "垫好基，在推动载体建设上求突破",
]
