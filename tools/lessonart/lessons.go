package main

// The lessons' pictures, one description per step, in the order of
// assets/content/tutorials.json. Each shows the screen the resident meets at
// that step, with the labels that screen shows; tap numbers mark where to
// tap, in turn when there are several.
//
// The labels are those public step-by-step guides show on these screens:
//   - VNeID: "Đăng ký" at the lower right of the login screen, then
//     "Số định danh cá nhân" and "Số điện thoại", the OTP by SMS, the chip
//     card read by NFC, the portrait, the password of 8 to 20 characters,
//     level 2 at the police (guides of the communes of Đông Thọ, Bắc Ninh,
//     and Ea Phê, Đắk Lắk; Hà Nam's Đề án 06 manual; the VNeID handbook).
//   - The portal: "Đăng nhập", then "Tài khoản định danh điện tử cấp bởi
//     Bộ Công an" (Đồng Nai's guide); the birth form's "Họ, chữ đệm, tên",
//     "Ngày, tháng, năm sinh", "Nơi sinh" (the official form); the payment
//     flow "Yêu cầu thanh toán", a bank or an intermediary, "Kết quả giao
//     dịch thành công", the receipt kept with the application (Bình Dương's
//     payment guide).
// The emblem, the VNeID icon and the bank's app are plain stand-ins, not
// copies of the real artwork.
//
// The postal lessons follow Decision 45/2016/QĐ-TTg (papers sent and
// results returned through the public postal service) and the portal's
// choice "Nhận kết quả qua dịch vụ bưu chính công ích".
//
// Examples are plainly examples: the name NGUYỄN VĂN A, the code
// H40.12-251201-0001, the fee of 8.000 đ (the portal's fee for a copy of a
// civil-status extract). No number that could be someone's ID is shown.

const (
	exampleName = "NGUYỄN VĂN A"
	exampleCode = "H40.12-251201-0001"
	exampleFee  = "8.000 đ"
)

// The portal's login page, the same wherever a lesson starts with it.
var loginWithVNeID = phone{app: portalWeb, items: []item{
	heading{s: "Đăng nhập", align: center},
	para{s: "Chọn hình thức đăng nhập", align: center},
	space(6),
	choice{icon: "vneid", s: "Tài khoản định danh điện tử cấp bởi Bộ Công an", tap: 1},
}}

// The portal's home on a phone, before logging in.
func portalHome(login, lookup int) phone {
	return phone{app: portalWeb, login: login, items: []item{
		search{s: "Tìm kiếm thủ tục", hint: true},
		menu{
			{icon: "docs", s: "Dịch vụ công trực tuyến"},
			{icon: "list", s: "Tra cứu hồ sơ", tap: lookup},
			{icon: "wallet", s: "Thanh toán trực tuyến"},
			{icon: "people", s: "Phản ánh kiến nghị"},
		},
	}}
}

// The account menu, open, once logged in.
func accountMenu(store, logout int) phone {
	return phone{app: portalWeb, login: -1, account: 1, zoom: 1.1, items: []item{
		para{s: exampleName, bold: true, color: ink, align: right},
		menu{
			{icon: "user", s: "Thông tin tài khoản"},
			{icon: "docs", s: "Quản lý hồ sơ"},
			{icon: "folder", s: "Kho dữ liệu", tap: store},
			{icon: "out", s: "Đăng xuất", color: portalRed, tap: logout},
		},
	}}
}

var steps = []step{
	// VNeID: install, register a level-1 account, get level 2 at the police.
	{"vneid", 1, backdropped{phone{app: playStore, zoom: 1.1, items: []item{
		storeSearch{"VNeID"},
		storeApp{name: "VNeID", maker: "Trung tâm dữ liệu quốc gia về dân cư", btn: "Cài đặt", tap: 1},
	}}}},
	{"vneid", 2, backdropped{phone{app: vneidBare, items: []item{
		brand{},
		heading{s: "Đăng nhập", align: center},
		field{label: "Số định danh cá nhân", value: "Nhập 12 số", hint: true},
		field{label: "Mật khẩu", secret: true},
		button{s: "Đăng nhập", color: vneidRed, pill: true},
		footer{left: "Kích hoạt tài khoản", right: "Đăng ký", tap: 1},
	}}}},
	{"vneid", 3, backdropped{phone{app: vneidPage, title: "Đăng ký tài khoản", zoom: 1.2, items: []item{
		field{label: "Số định danh cá nhân", value: "Nhập 12 số", hint: true, tap: 1},
		field{label: "Số điện thoại", value: "Nhập số điện thoại", hint: true, tap: 2},
		space(10),
		button{s: "Đăng ký", color: vneidRed, pill: true, tap: 3},
	}}}},
	{"vneid", 4, backdropped{phone{app: vneidPage, title: "Xác thực OTP", zoom: 1.2, items: []item{
		space(40),
		para{s: "Nhập mã OTP đã gửi đến số điện thoại của bạn", align: center, color: ink},
		otp{typed: "123", tap: 1},
		button{s: "Xác nhận", color: vneidRed, pill: true, tap: 2},
		notice{from: "Tin nhắn", s: "Mã OTP: 123456"},
	}}}},
	{"vneid", 5, backdropped{together{
		phoneBack{place{40, 120, 0.74}},
		idCard{x: 70, y: 340, w: 250, rotate: -8},
		waves{x: 188, y: 318},
		numberAt{x: 52, y: 124, n: 1},
		phone{at: place{436, 100, 0.8}, app: vneidPage, title: "Chụp ảnh chân dung", numbered: true, items: []item{
			selfie{tap: 2},
		}},
	}}},
	{"vneid", 6, backdropped{phone{app: vneidPage, title: "Thiết lập mật khẩu", zoom: 1.15, items: []item{
		field{label: "Mật khẩu", secret: true, tap: 1},
		field{label: "Xác nhận mật khẩu", secret: true, tap: 2},
		para{s: "Từ 8 đến 20 ký tự, có chữ hoa, chữ thường, chữ số và ký tự đặc biệt"},
		button{s: "Xác nhận", color: vneidRed, pill: true, tap: 3},
	}}}},
	{"vneid", 7, backdropped{together{
		policeStation{x: 70, y: 170, w: 420},
		idCard{x: 450, y: 470, w: 300, rotate: -6},
	}}},
	{"vneid", 8, backdropped{phone{app: vneidBare, zoom: 1.1, noHand: true, items: []item{
		space(8),
		levelBadge{name: exampleName, account: "Tài khoản định danh điện tử", level: "Mức độ 2", tap: 1},
		tiles{{"card", "Ví giấy tờ"}, {"docs", "Thủ tục hành chính"}, {"people", "Thông tin cư trú"}, {"shield", "Tích hợp thông tin"}},
		tabBar{{"home", "Trang chủ"}, {"card", "Ví giấy tờ"}, {"bell", "Thông báo"}, {"user", "Cá nhân"}},
	}}}},

	// Logging in to the national portal with VNeID.
	{"dang-nhap", 1, backdropped{together{
		kioskStand{x: 20, y: 130, w: 340},
		phone{at: place{380, 140, 0.8}, app: cameraApp, items: []item{
			viewfinder{link: "dichvucong.gov.vn", tap: 1},
		}},
	}}},
	{"dang-nhap", 2, backdropped{portalHome(1, 0)}},
	{"dang-nhap", 3, backdropped{loginWithVNeID}},
	{"dang-nhap", 4, backdropped{phone{app: vneidBare, items: []item{
		brand{},
		tiles{{"card", "Ví giấy tờ"}, {"docs", "Thủ tục hành chính"}},
		dialog{title: "Xác nhận đăng nhập", body: "Cổng Dịch vụ công quốc gia", no: "Từ chối", yes: "Đồng ý", tap: 1},
	}}}},
	{"dang-nhap", 5, backdropped{phone{app: portalWeb, login: -1, items: []item{
		search{s: "khai sinh", tap: 1},
		result{title: "Đăng ký khai sinh", btn: "Nộp trực tuyến", tapBtn: 2},
		result{title: "Đăng ký lại khai sinh", btn: "Nộp trực tuyến"},
	}}}},
	{"dang-nhap", 6, backdropped{accountMenu(0, 2)}},

	// Registering a birth online.
	{"khai-sinh", 1, backdropped{loginWithVNeID}},
	{"khai-sinh", 2, backdropped{phone{app: portalWeb, login: -1, noHand: true, items: []item{
		search{s: "khai sinh"},
		result{title: "Đăng ký khai sinh", tap: 1},
		result{title: "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", tap: 1},
	}}}},
	{"khai-sinh", 3, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Thông tin người được khai sinh", size: 25, color: portalBlu},
		field{label: "Họ, chữ đệm, tên", value: "Nhập họ tên cháu bé", hint: true, tap: 1},
		field{label: "Ngày, tháng, năm sinh", value: "Ngày/Tháng/Năm", hint: true},
		field{label: "Nơi sinh", value: "Chọn nơi sinh", hint: true},
	}}}},
	{"khai-sinh", 4, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Đính kèm thành phần hồ sơ", size: 25, color: portalBlu},
		doc{title: "Giấy chứng sinh", btn: "Tải lên", tapBtn: 1},
		photo{},
	}}}},
	{"khai-sinh", 5, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Hình thức nhận kết quả", size: 25, color: portalBlu},
		radio{s: "Nhận bản điện tử (Kho dữ liệu)", on: true, tap: 1},
		radio{s: "Nhận bản giấy tại Ủy ban nhân dân xã"},
		space(8),
		button{s: "Nộp hồ sơ", color: portalRed, tap: 2},
	}}}},
	{"khai-sinh", 6, backdropped{phone{app: portalWeb, login: -1, zoom: 1.15, noHand: true, items: []item{
		space(10),
		done{"Nộp hồ sơ thành công"},
		codeBox{label: "Mã hồ sơ", code: exampleCode, tap: 1},
	}}}},

	// Paying a fee online.
	{"thanh-toan", 1, backdropped{phone{app: portalWeb, login: -1, zoom: 1.2, noHand: true, items: []item{
		heading{s: "Cấp bản sao Trích lục hộ tịch", size: 25, color: portalBlu},
		heading{s: "Phí, lệ phí", size: 26},
		kv{k: "Lệ phí", v: exampleFee},
		kv{k: "Tổng tiền", v: exampleFee, big: true, color: portalRed, tap: 1},
	}}}},
	{"thanh-toan", 2, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Yêu cầu thanh toán", size: 27},
		doc{title: "Cấp bản sao Trích lục hộ tịch", sub: "Mã hồ sơ: " + exampleCode},
		kv{k: "Số tiền", v: exampleFee, big: true, color: portalRed},
		space(10),
		button{s: "Thanh toán", color: portalRed, tap: 1},
	}}}},
	{"thanh-toan", 3, backdropped{phone{app: payWeb, noHand: true, items: []item{
		kv{k: "Số tiền", v: exampleFee, big: true, color: portalRed},
		heading{s: "Ngân hàng", size: 24},
		menu{
			{icon: "bank", s: "Agribank", tap: 1},
			{icon: "bank", s: "Vietcombank"},
			{icon: "bank", s: "BIDV"},
		},
		heading{s: "Ví điện tử", size: 24},
		menu{
			{icon: "wallet", s: "MoMo", tap: 1},
			{icon: "wallet", s: "VNPAY"},
		},
	}}}},
	{"thanh-toan", 4, backdropped{phone{app: bankApp, title: "Xác nhận giao dịch", zoom: 1.1, items: []item{
		kv{k: "Số tiền", v: exampleFee, big: true},
		kv{k: "Nội dung", v: "Lệ phí hồ sơ"},
		space(24),
		button{s: "Xác nhận", color: bankTeal, pill: true, tap: 1},
	}}}},
	{"thanh-toan", 5, backdropped{phone{app: payWeb, zoom: 1.1, items: []item{
		done{"Giao dịch thành công"},
		kv{k: "Số tiền", v: exampleFee},
		space(8),
		doc{title: "Biên lai điện tử", sub: "Mã hồ sơ: " + exampleCode, tap: 1},
	}}}},

	// Looking up an application.
	{"tra-cuu", 1, backdropped{together{
		phone{at: place{24, 60, 0.88}, app: smsApp, title: "Tin nhắn", noHand: true, items: []item{
			bubble{s: "Hồ sơ của bạn đã được tiếp nhận.", hl: "Mã hồ sơ: " + exampleCode, tap: 1},
		}},
		receipt{x: 420, y: 150, w: 350, h: 500, code: exampleCode, tap: 1},
	}}},
	{"tra-cuu", 2, backdropped{portalHome(0, 1)}},
	{"tra-cuu", 3, backdropped{phone{app: portalWeb, zoom: 1.15, items: []item{
		heading{s: "Tra cứu hồ sơ"},
		field{label: "Mã hồ sơ", value: exampleCode, tap: 1},
		space(12),
		button{s: "Tra cứu", tap: 2},
	}}}},
	{"tra-cuu", 4, backdropped{phone{app: portalWeb, zoom: 1.15, noHand: true, items: []item{
		heading{s: "Đăng ký khai sinh", size: 26, color: portalBlu},
		para{s: "Mã hồ sơ: " + exampleCode},
		space(6),
		timeline{
			{s: "Đã tiếp nhận"},
			{s: "Đang xử lý", state: 1, tap: 1},
			{s: "Đã có kết quả", state: 2},
		},
	}}}},

	// The personal data store.
	{"kho-du-lieu", 1, backdropped{loginWithVNeID}},
	{"kho-du-lieu", 2, backdropped{accountMenu(2, 0)}},
	{"kho-du-lieu", 3, backdropped{phone{app: portalWeb, login: -1, zoom: 1.1, noHand: true, items: []item{
		heading{s: "Kho dữ liệu"},
		doc{title: "Giấy khai sinh", sub: "Bản điện tử · kết quả thủ tục", tap: 1},
		doc{title: "Trích lục kết hôn", sub: "Bản điện tử · kết quả thủ tục"},
	}}}},
	{"kho-du-lieu", 4, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Thêm giấy tờ", size: 27},
		photo{},
		field{label: "Tên giấy tờ", value: "Giấy chứng nhận kết hôn"},
		button{s: "Lưu vào kho", tap: 1},
	}}}},
	{"kho-du-lieu", 5, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Đính kèm thành phần hồ sơ", size: 25, color: portalBlu},
		doc{title: "Giấy chứng nhận kết hôn", btn: "Chọn từ kho", btnIcon: "folder", tapBtn: 1},
		doc{title: "Tờ khai", btn: "Tải lên"},
	}}}},

	// Sending papers by post, at a postal point (Decision 45/2016/QĐ-TTg).
	{"gui-buu-dien", 1, backdropped{together{
		postCounter{x: 170, y: 80, w: 460},
		paperStack{x: 300, y: 420, w: 150, title: "Hồ sơ", tap: 1},
	}}},
	{"gui-buu-dien", 2, backdropped{together{
		postCounter{x: 170, y: 80, w: 460},
		envelope{x: 260, y: 440, w: 280, rotate: -4},
	}}},
	{"gui-buu-dien", 3, backdropped{priceBoard{x: 210, y: 110, w: 380, tap: 1}}},
	{"gui-buu-dien", 4, backdropped{postReceipt{x: 200, y: 110, w: 400, h: 520, tap: 1}}},
	{"gui-buu-dien", 5, backdropped{together{
		envelope{x: 30, y: 330, w: 290, rotate: -6},
		arrow{x1: 330, y1: 470, x2: 460, y2: 470},
		office{x: 480, y: 170, w: 290},
	}}},

	// Having the result brought home by post.
	{"nhan-tai-nha", 1, backdropped{loginWithVNeID}},
	{"nhan-tai-nha", 2, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Hình thức nhận kết quả", size: 25, color: portalBlu},
		radio{s: "Nhận kết quả qua dịch vụ bưu chính công ích", on: true, tap: 1},
		radio{s: "Nhận tại Bộ phận Một cửa"},
	}}}},
	{"nhan-tai-nha", 3, backdropped{phone{app: portalWeb, login: -1, items: []item{
		heading{s: "Địa chỉ nhận kết quả", size: 25, color: portalBlu},
		field{label: "Tỉnh, xã", value: "Chọn tỉnh, xã", hint: true},
		field{label: "Địa chỉ cụ thể", value: "Số nhà, thôn, xóm", hint: true, tap: 1},
		space(8),
		button{s: "Nộp hồ sơ", color: portalRed, tap: 2},
	}}}},
	{"nhan-tai-nha", 4, backdropped{together{
		priceBoard{x: 60, y: 130, w: 360},
		envelope{x: 470, y: 330, w: 270, rotate: 6},
	}}},
	{"nhan-tai-nha", 5, backdropped{together{
		house{x: 50, y: 170, w: 330},
		envelope{x: 440, y: 220, w: 250, rotate: -8},
		idCard{x: 450, y: 440, w: 270, rotate: 6},
	}}},
}

// backdropped draws the picture's background behind its scene.
type backdropped struct{ scene }

func (b backdropped) draw(c *canvas) {
	c.rect(0, 0, side, side, 0, fill(backdrop))
	c.rect(0, side-140, side, 140, 0, fill(floor))
	b.scene.draw(c)
}
